/**
 * What `npm start` does to the database before serving: the demo workspace
 * is seeded only where it is safe, and the console says exactly what happened.
 *
 * Embedded (PGlite, a try-out on one machine): the demo is seeded into an empty
 * database. PostgreSQL (a real deployment): never, unless `SEED_DEMO=1` asks for
 * it; an empty database gets the command that creates the first workspace, so
 * no known password ever lands in a production database by default.
 */
import { count } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { tenants } from '@/db/schema'
import { DEMO, seedDemo } from '@/lib/workspaces/seed-demo'

export interface FirstStart {
  seeded: boolean
  /** Lines for the console (no secret but the demo's own documented password, and only when just created). */
  lines: string[]
}

export async function prepareFirstStart(
  db: Db,
  options: { embedded: boolean; seedDemo: boolean; encryptionKey: string },
): Promise<FirstStart> {
  const [{ n }] = (await db.select({ n: count() }).from(tenants)) as [{ n: number }]
  const wantDemo = options.embedded || options.seedDemo
  if (n === 0 && wantDemo) {
    const seeded = (await seedDemo(db, options.encryptionKey)).created
    if (seeded) {
      return {
        seeded,
        lines: [
          'Seeded the demo workspace.',
          `Demo sign-in: workspace "${DEMO.workspace}", user "${DEMO.adminUsername}", password "${DEMO.adminPassword}"`,
        ],
      }
    }
  }
  if (n === 0) {
    return {
      seeded: false,
      lines: [
        'This database has no workspace yet. Create the first one with:',
        '  npm run workspace:create -- --slug acme --name "Acme" --admin-username ada --admin-email ada@acme.test --admin-password \'…\'',
        '(or start once with SEED_DEMO=1 to add the demo workspace, for a trial only: its password is public).',
      ],
    }
  }
  return { seeded: false, lines: [] }
}

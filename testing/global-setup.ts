import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDb } from '@/db/client'
import { createFreshDatabase, dropDatabase } from './fresh-database'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null
    /** PGlite runs: a migrated, empty database's data directory (a tar file) that each test file starts its own from. */
    pgliteTemplate: string | null
  }
}

/**
 * With TEST_DATABASE_URL (a PostgreSQL server we may create databases on), the
 * whole run gets one fresh, migrated database. Without it each test file gets
 * its own in-memory PGlite (see setup.ts), loaded from one migrated here: a new
 * PGlite's initdb costs ~2.5 s, loading this dump ~0.5 s.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) {
    const handle = await openDb({ url: '', pgliteDir: null })
    const dump = await handle.dumpDataDir!()
    await handle.close()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-vitest-'))
    const file = path.join(dir, 'migrated.tar')
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
    project.provide('databaseUrl', null)
    project.provide('pgliteTemplate', file)
    return () => fs.rmSync(dir, { recursive: true, force: true })
  }
  const url = await createFreshDatabase(adminUrl, 'sb_test')
  const handle = await openDb({ url })
  await handle.close()
  project.provide('databaseUrl', url)
  project.provide('pgliteTemplate', null)
  return async () => {
    await dropDatabase(adminUrl, url)
  }
}

import type { TestProject } from 'vitest/node'
import { openDb } from '@/db/client'
import { createFreshDatabase, dropDatabase } from './fresh-database'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null
  }
}

/**
 * With TEST_DATABASE_URL (a PostgreSQL server we may create databases on), the
 * whole run gets one fresh, migrated database. Without it each test file gets
 * its own in-memory PGlite (see setup.ts).
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) {
    project.provide('databaseUrl', null)
    return
  }
  const url = await createFreshDatabase(adminUrl, 'sb_test')
  const handle = await openDb({ url })
  await handle.close()
  project.provide('databaseUrl', url)
  return async () => {
    await dropDatabase(adminUrl, url)
  }
}

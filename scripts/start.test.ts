import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

describe('npm start', () => {
  it('refuses to start on PostgreSQL without AUTH_SECRET and APP_ENCRYPTION_KEY, saying which', () => {
    const result = spawnSync(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/start.ts'], {
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', AUTH_SECRET: '', APP_ENCRYPTION_KEY: '' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('Switchboard cannot start')
    expect(result.stderr).toContain('AUTH_SECRET and APP_ENCRYPTION_KEY')
    // It stopped before building or touching a database.
    expect(result.stdout).not.toContain('Building')
  })
})

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDb } from './client'
import { DataDirLockedError, acquireDataDirLock } from './data-dir-lock'

const tsx = path.resolve('node_modules/.bin/tsx')
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sb-lock-'))

describe('one process per PGlite data directory', () => {
  it('refuses a second process with a clear message while the first holds the directory', async () => {
    const dir = tmp()
    const first = await openDb({ url: '', pgliteDir: dir })
    try {
      const second = spawnSync(tsx, ['--conditions=react-server', 'scripts/db-migrate.ts'], {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir },
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(second.status).not.toBe(0)
      expect(second.stderr).toContain(`already open in process ${process.pid}`)
      expect(second.stderr).toContain('one process per data directory')
      // The first process is unharmed.
      const { rows } = (await first.db.execute('SELECT 1 AS ok')) as unknown as { rows: { ok: number }[] }
      expect(rows[0]?.ok).toBe(1)
    } finally {
      await first.close()
    }
    // Released on close: the directory opens again, data intact.
    const again = await openDb({ url: '', pgliteDir: dir })
    await again.close()
  })

  it('refuses a second opener in the same process too', () => {
    const dir = tmp()
    const release = acquireDataDirLock(dir)
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError)
    } finally {
      release()
    }
  })

  it('takes over the lock of a process that died', () => {
    const dir = tmp()
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)'])
    fs.writeFileSync(path.join(dir, 'switchboard.lock'), JSON.stringify({ pid: dead.pid }))
    const release = acquireDataDirLock(dir)
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'switchboard.lock'), 'utf8')).pid).toBe(process.pid)
    release()
    expect(fs.existsSync(path.join(dir, 'switchboard.lock'))).toBe(false)
  })
})

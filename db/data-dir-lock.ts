import fs from 'node:fs'
import path from 'node:path'

/**
 * PGlite is one process per data directory: a second process opening the same
 * files would corrupt them. This lock file makes the second one fail loudly.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly lockPath: string,
  ) {
    super(
      `The embedded database in ${dataDir} is already open in process ${holderPid}. ` +
        `PGlite allows one process per data directory: stop that process, set DATA_DIR to another folder, ` +
        `or set DATABASE_URL to use PostgreSQL. If no such process is running, delete ${lockPath}.`,
    )
    this.name = 'DataDirLockedError'
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readHolder(lockPath: string): number | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: unknown }
    return typeof parsed.pid === 'number' ? parsed.pid : null
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    // Half-written or garbage lock: treat as stale rather than blocking forever.
    if (error instanceof SyntaxError) return null
    throw error
  }
}

/** Takes the lock or throws DataDirLockedError. Returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  const lockPath = path.join(dataDir, 'switchboard.lock')
  const body = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, body, { flag: 'wx', mode: 0o600 })
      const release = () => {
        if (readHolder(lockPath) === process.pid) fs.rmSync(lockPath, { force: true })
        process.off('exit', release)
      }
      process.on('exit', release)
      return release
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = readHolder(lockPath)
      // Our own pid counts too: two openers in one process corrupt the files just the same.
      if (holder !== null && isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder, lockPath)
      }
      // Stale lock from a process that died without cleaning up.
      fs.rmSync(lockPath, { force: true })
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`)
}

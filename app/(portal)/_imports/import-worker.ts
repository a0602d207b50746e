import 'server-only'
import { getDbHandle } from '@/db/client'
import { runImportJobs, type ImportKind, type ImportProcessor } from '@/lib/imports/import-jobs'
import { loggableError } from '@/lib/logging/loggable-error'
import { EXTENSIONS_IMPORT, USERS_IMPORT } from './import-kinds'

/** Each kind's processor, for the shared job runner. */
const IMPORT_PROCESSORS: Record<ImportKind, ImportProcessor> = {
  users: USERS_IMPORT.processor,
  extensions: EXTENSIONS_IMPORT.processor,
}

/** While this instance has run a job, it also looks for waiting ones (another instance's, left by a restart) this often. */
const POLL_MS = 15_000

interface WorkerState {
  running: Promise<void> | null
  again: boolean
  timer: ReturnType<typeof setInterval> | null
}
const key = Symbol.for('switchboard.import-worker')
const state = ((globalThis as Record<symbol, WorkerState>)[key] ??= { running: null, again: false, timer: null })

/**
 * Starts this instance's worker if it isn't running: it takes waiting jobs
 * (FOR UPDATE SKIP LOCKED, so instances share the queue) until none is left.
 * Called when a job is queued and when an import page is looked at, so a job
 * whose instance went away is taken up by whichever instance is asked next.
 */
export function kickImportWorker(): void {
  if (state.running) {
    state.again = true
    return
  }
  state.running = (async () => {
    const handle = await getDbHandle()
    do {
      state.again = false
      await runImportJobs(handle.db, IMPORT_PROCESSORS, { progressWrites: handle.kind === 'postgres' })
    } while (state.again)
  })()
    .catch((error: unknown) => console.error('Import worker stopped:', loggableError(error)))
    .finally(() => {
      state.running = null
    })
  if (!state.timer) {
    state.timer = setInterval(kickImportWorker, POLL_MS)
    state.timer.unref()
  }
}

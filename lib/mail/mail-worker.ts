import 'server-only'
import { getDb } from '@/db/client'
import { loggableError } from '@/lib/logging/loggable-error'
import { mailIsDelivered } from './mail-config'
import { sendPendingMail, transportFrom, type MailTransport } from './send-mail'

/** While this instance has sent mail, it also looks for due retries (its own or another instance's) this often. */
const POLL_MS = 5_000

interface WorkerState {
  running: Promise<void> | null
  again: boolean
  timer: ReturnType<typeof setInterval> | null
  transport: MailTransport | null
}
const key = Symbol.for('switchboard.mail-worker')
const state = ((globalThis as Record<symbol, WorkerState>)[key] ??= { running: null, again: false, timer: null, transport: null })

/**
 * Sends the outbox's due mail from this instance, and from then on polls for
 * retries. Called after a change that queued mail has committed. Cheap when
 * there is nothing to do, but never free: one claiming statement.
 */
export function kickMailWorker(): void {
  if (state.running) {
    state.again = true
    return
  }
  state.running = (async () => {
    const db = await getDb()
    state.transport ??= transportFrom()
    do {
      state.again = false
      await sendPendingMail(db, state.transport, { keepLinks: !mailIsDelivered() })
    } while (state.again)
  })()
    .catch((error: unknown) => console.error('Mail sender stopped:', loggableError(error)))
    .finally(() => {
      state.running = null
    })
  if (!state.timer) {
    state.timer = setInterval(kickMailWorker, POLL_MS)
    state.timer.unref()
  }
}

/**
 * For every portal page served: the first one starts this instance's sender
 * (mail another instance left behind goes out), and from then on its poll finds
 * due mail within POLL_MS. A page served after that costs no statement: kicking
 * on each one was a write to the outbox on every request.
 */
export function ensureMailWorker(): void {
  if (!state.timer) kickMailWorker()
}

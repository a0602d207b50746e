import 'server-only'
import { getDbHandle } from '@/db/client'
import { loggableError } from '@/lib/logging/loggable-error'
import { deliverWebhooks } from './deliver-webhooks'
import { reconcileEligibility, sweepEligibility } from './eligibility-watch'

/**
 * Each app instance's webhook sender, started once with the server
 * (instrumentation.ts): it wakes on NOTIFY switchboard_webhooks (an event or an
 * eligibility mark committed on any instance), polls for due retries, and
 * sweeps for sessions that expired or idled out (which no write announces).
 * All it does is safe on many instances at once (lib/webhooks: leases and
 * SKIP LOCKED).
 */

const seconds = (name: string, fallback: number, min: number) => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value >= min ? value : fallback
}

interface WorkerState {
  started: boolean
  running: Promise<void> | null
  again: boolean
}
const key = Symbol.for('switchboard.webhook-worker')
const state = ((globalThis as Record<symbol, WorkerState>)[key] ??= { started: false, running: null, again: false })

/** Reconciles marks and sends what is due, until nothing is; a kick while running runs it once more after. */
export function kickWebhookWorker(): void {
  if (state.running) {
    state.again = true
    return
  }
  state.running = (async () => {
    const db = (await getDbHandle()).db
    do {
      state.again = false
      await reconcileEligibility(db)
      await deliverWebhooks(db)
    } while (state.again)
  })()
    .catch((error: unknown) => console.error('Webhook sender stopped:', loggableError(error)))
    .finally(() => {
      state.running = null
    })
}

export function startWebhookWorker(): void {
  if (state.started) return
  state.started = true
  setInterval(kickWebhookWorker, seconds('WEBHOOK_POLL_SECONDS', 5, 1) * 1000).unref()
  setInterval(
    () =>
      void getDbHandle()
        .then((handle) => sweepEligibility(handle.db))
        .then((marked) => marked && kickWebhookWorker())
        .catch((error: unknown) => console.error('Eligibility sweep failed:', loggableError(error))),
    seconds('ELIGIBILITY_SWEEP_SECONDS', 15, 1) * 1000,
  ).unref()
  // Without LISTEN (the database not up yet) the polls above still deliver, a few seconds later.
  void getDbHandle()
    .then((handle) => handle.listen('switchboard_webhooks', () => kickWebhookWorker()))
    .catch((error: unknown) => console.error('Webhook sender could not LISTEN:', loggableError(error)))
  kickWebhookWorker()
}

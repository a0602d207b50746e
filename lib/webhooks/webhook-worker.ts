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
 * SKIP LOCKED). Reconciling eligibility and delivering are separate loops, and
 * deliveries go in several passes at once: a receiver slow to answer holds up
 * neither.
 */

const seconds = (name: string, fallback: number, min: number) => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value >= min ? value : fallback
}

/** Passes of one kind of work: how many run now, and whether a kick came while as many as allowed ran. */
interface Loop {
  running: number
  again: boolean
}
interface WorkerState {
  started: boolean
  eligibility: Loop
  deliveries: Loop
}
const key = Symbol.for('switchboard.webhook-sender')
const state = ((globalThis as Record<symbol, WorkerState>)[key] ??= {
  started: false,
  eligibility: { running: 0, again: false },
  deliveries: { running: 0, again: false },
})

/**
 * Deliveries in flight at once, in passes of up to 5 webhooks each. A receiver
 * may take the outbound timeout (10 s) to answer: a kick meanwhile starts
 * another pass, which claims other webhooks (each webhook is leased to one
 * pass), so one slow receiver holds up no other workspace's.
 */
const DELIVERY_PASSES = 4

/** Runs `work` in a pass; a kick while `most` passes run makes one of them run once more when it ends. */
function kick(loop: Loop, most: number, work: () => Promise<unknown>, what: string): void {
  if (loop.running >= most) {
    loop.again = true
    return
  }
  loop.running++
  void (async () => {
    do {
      loop.again = false
      await work()
    } while (loop.again)
  })()
    .catch((error: unknown) => console.error(`Webhook sender stopped ${what}:`, loggableError(error)))
    .finally(() => {
      loop.running--
    })
}

/** Sends what is due, in a pass of its own while other passes wait on slow receivers. */
function kickDeliveries(): void {
  kick(state.deliveries, DELIVERY_PASSES, async () => deliverWebhooks((await getDbHandle()).db), 'delivering')
}

/**
 * Turns eligibility marks into events, apart from the deliveries: a receiver
 * that is slow to answer never delays another extension's eligibility.changed.
 * Its events wake the deliveries by NOTIFY (their outbox's trigger) and here.
 */
function kickEligibility(): void {
  kick(
    state.eligibility,
    1,
    async () => {
      if ((await reconcileEligibility((await getDbHandle()).db)) > 0) kickDeliveries()
    },
    'reconciling eligibility',
  )
}

/** Reconciles marks and sends what is due (both, whichever woke it). */
export function kickWebhookWorker(): void {
  kickEligibility()
  kickDeliveries()
}

export function startWebhookWorker(): void {
  if (state.started) return
  state.started = true
  setInterval(kickWebhookWorker, seconds('WEBHOOK_POLL_SECONDS', 5, 1) * 1000).unref()
  setInterval(
    () =>
      void getDbHandle()
        .then((handle) => sweepEligibility(handle.db))
        .then((marked) => marked && kickEligibility())
        .catch((error: unknown) => console.error('Eligibility sweep failed:', loggableError(error))),
    seconds('ELIGIBILITY_SWEEP_SECONDS', 15, 1) * 1000,
  ).unref()
  // Without LISTEN (the database not up yet) the polls above still deliver, a few seconds later.
  void getDbHandle()
    .then((handle) =>
      handle.listen('switchboard_webhooks', (payload) =>
        payload === 'eligibility' ? kickEligibility() : payload === 'deliver' ? kickDeliveries() : kickWebhookWorker(),
      ),
    )
    .catch((error: unknown) => console.error('Webhook sender could not LISTEN:', loggableError(error)))
  kickWebhookWorker()
}

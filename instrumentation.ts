/**
 * Runs once when an app instance starts (Next.js calls it before serving):
 * the webhook sender, which must run without a request to notice sessions
 * that expired (lib/webhooks/webhook-worker.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { startWebhookWorker } = await import('./lib/webhooks/webhook-worker')
  startWebhookWorker()
}

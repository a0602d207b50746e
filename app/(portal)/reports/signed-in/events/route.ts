import { getDb } from '@/db/client'
import { readSessionClaims } from '@/lib/auth/session'
import { loadSessionUser } from '@/lib/auth/session-user'
import { watchSignedInBoard } from '@/lib/sessions/session-events'
import { eventStream } from '@/lib/http/event-stream'

/** Comments keep proxies from closing an idle stream, and re-check the viewer's session. */
const PING_MS = 25_000
const BURST_MS = 250

/**
 * GET /reports/signed-in/events: Server-Sent Events for Reports › Signed in
 * now — `sessions` whenever a dashboard session of the viewer's workspace opens
 * or ends (on any instance: LISTEN/NOTIFY), `signed-out` when the viewer's own
 * session has ended. Needs `reports.read`; anyone else gets 404.
 */
export async function GET(request: Request): Promise<Response> {
  const claims = await readSessionClaims()
  const db = await getDb()
  const viewer = claims ? await loadSessionUser(db, claims) : null
  if (!claims || !viewer?.ok || !viewer.user.permissions.has('reports.read')) return new Response('Not found', { status: 404 })
  const watcher = viewer.user
  const stream = eventStream(async ({ send, close, onEnd }) => {
    // Still signed in? (A sign-out everywhere ends this viewer too.) Not activity: an open board must not keep an idle admin signed in.
    const check = async () => {
      const still = await loadSessionUser(db, claims, { touch: false }).catch(() => null)
      if (!still?.ok) {
        send('event: signed-out\ndata: {}\n\n')
        close()
        return false
      }
      return true
    }
    send('retry: 3000\n\n')
    // A burst of sign-ins (an import, a shift start) is one event, not one per session.
    let burst: ReturnType<typeof setTimeout> | null = null
    const unsubscribe = (await watchSignedInBoard(watcher, () => {
      burst ??= setTimeout(() => {
        burst = null
        void check().then((ok) => ok && send('event: sessions\ndata: {}\n\n'))
      }, BURST_MS)
    }))!
    const ping = setInterval(() => void check().then((ok) => ok && send(': ping\n\n')), PING_MS)
    onEnd(() => {
      unsubscribe()
      clearInterval(ping)
      if (burst) clearTimeout(burst)
    })
    request.signal.addEventListener('abort', close)
  })
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  })
}

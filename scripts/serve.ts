/**
 * The HTTP server in front of Next.js (what `npm start` runs after preparing
 * the database). It does what `next start` can't: tell the app which address a
 * request really came from. Next itself only fills X-Forwarded-For when the
 * client didn't send one, so behind nothing at all a client could choose its
 * own address. Here the socket's peer (or, from proxies the operator trusts,
 * the forwarded chain; TRUSTED_PROXIES) goes into CLIENT_IP_HEADER, after any
 * value the client sent in that header is dropped.
 *
 * Runs under plain tsx (no react-server condition): Next loads its own runtime.
 */
import http from 'node:http'
import next from 'next'
import { CLIENT_IP_HEADER, parseTrustedProxies, resolveClientAddress, TrustedProxiesError } from '@/lib/http/client-address'
import { EXPIRED_FLASH_COOKIE, FLASH_HEADER, flashInCookieHeader } from '@/lib/http/flash-cookie'
import { REQUEST_PATH_HEADER } from '@/lib/http/return-path'
import { newNonce, securityHeaders } from '@/lib/http/security-headers'
import { startDraining } from '@/lib/http/draining'
import { closeDb } from '@/db/client'

let trusted
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES)
} catch (error) {
  if (error instanceof TrustedProxiesError) {
    console.error(`Switchboard cannot start: ${error.message}`)
    process.exit(1)
  }
  throw error
}

const port = Number(process.env.PORT || 3000)
const hostname = process.env.HOSTNAME || undefined
const app = next({ dev: false, dir: process.cwd(), port, hostname })

await app.prepare()
const handle = app.getRequestHandler()

const https = (process.env.NEXTAUTH_URL ?? '').startsWith('https://')
/** Every form of the portal is a few kilobytes: 1 MB plus room for multipart framing. */
const ACTION_BODY_LIMIT = 1024 * 1024 + 64 * 1024
/** The import pages post a file of up to 20 MB (next.config's bodySizeLimit is this, the largest). */
const IMPORT_BODY_LIMIT = 21 * 1024 * 1024
const IMPORT_PAGES = new Set(['/users/import', '/settings/extensions/import'])

/**
 * A server-action POST announcing a body over the limit is answered 413 here,
 * before any of it is read: Next would refuse it too, but only after reading
 * into it, and then drop the connection under the client's feet.
 */
function tooLarge(req: http.IncomingMessage): string | null {
  if (req.method !== 'POST' || req.url?.startsWith('/api/')) return null
  const path = (req.url ?? '/').split('?')[0]!
  const importing = IMPORT_PAGES.has(path)
  if (Number(req.headers['content-length'] ?? 0) <= (importing ? IMPORT_BODY_LIMIT : ACTION_BODY_LIMIT)) return null
  return importing
    ? 'This file is larger than 20 MB. Split it into smaller files and import them one by one.'
    : 'This request is too large (at most 1 MB).'
}

/**
 * A page request (not a prefetch, which nobody may see) takes the flash message
 * along and expires its cookie: read once (lib/http/flash-cookie.ts).
 */
function takeFlash(req: http.IncomingMessage, res: http.ServerResponse) {
  delete req.headers[FLASH_HEADER]
  if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers['next-router-prefetch'] || req.headers['next-router-segment-prefetch'])
    return
  const key = flashInCookieHeader(req.headers.cookie)
  if (!key) return
  req.headers[FLASH_HEADER] = key
  res.appendHeader('Set-Cookie', EXPIRED_FLASH_COOKIE)
}

/** Responses not yet answered: when shutdown begins, they are told to close their connection (below). */
const inFlight = new Set<http.ServerResponse>()
let stopping = false

const server = http.createServer((req, res) => {
  // Shutting down: this connection closes after its answer, instead of idling for the keep-alive timeout.
  if (stopping) res.setHeader('connection', 'close')
  else {
    inFlight.add(res)
    res.on('close', () => inFlight.delete(res))
  }
  delete req.headers[CLIENT_IP_HEADER]
  // What the browser asked for, so sign-in can return there (lib/http/return-path.ts checks it is ours).
  req.headers[REQUEST_PATH_HEADER] = req.url ?? '/'
  const ip = resolveClientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted)
  if (ip) req.headers[CLIENT_IP_HEADER] = ip
  // A fresh nonce per request: Next finds it in the request's CSP header and puts it on its scripts.
  const headers = securityHeaders(newNonce(), https)
  req.headers['content-security-policy'] = headers['Content-Security-Policy']
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  takeFlash(req, res)
  const refusal = tooLarge(req)
  if (refusal) {
    res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
    res.end(refusal)
    req.resume()
    return
  }
  handle(req, res).catch((error: unknown) => {
    // Next answers its own errors; this is only for a failure of the handler itself. No request details: they can hold tokens.
    console.error('Request handler failed:', error instanceof Error ? error.message : 'unknown error')
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
    res.end('Internal Server Error')
  })
})
// Keep idle connections open longer than a load balancer's idle timeout (commonly 60 s), so the
// balancer (or a client reusing a connection) never sends a request on a socket we just closed: with
// Node's 5 s default that race answers ECONNRESET.
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000
server.listen(port, hostname, () => {
  console.log(`  Ready on http://${hostname ?? 'localhost'}:${port}`)
})

/**
 * Graceful shutdown (a rolling restart behind a balancer loses nothing it
 * accepted): /api/health answers 503 at once so the balancer stops sending
 * new requests; after DRAIN_SECONDS (its checks' time to notice) the server
 * stops accepting, idle keep-alive connections close, requests in flight
 * finish, then the database pool closes and the process leaves. Whatever
 * still runs after SHUTDOWN_TIMEOUT_SECONDS is cut.
 */
const drainSeconds = Number(process.env.DRAIN_SECONDS ?? 3)
const timeoutSeconds = Number(process.env.SHUTDOWN_TIMEOUT_SECONDS ?? 30)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    startDraining()
    console.log(`  ${signal}: draining (health checks answer 503), then finishing requests in flight`)
    // Node's server.close() leaves a keep-alive connection that was busy at the time open until its keep-alive
    // timeout (65 s here): the answers still to come say "close", so each connection ends with its last answer.
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close')
    setTimeout(
      () => {
        console.error(`  Shutdown: requests still running after ${timeoutSeconds} s were cut`)
        process.exit(1)
      },
      (drainSeconds + timeoutSeconds) * 1000,
    ).unref()
    setTimeout(() => {
      server.close(() => {
        void closeDb().finally(() => process.exit(0))
      })
      server.closeIdleConnections()
      // An answer that was already streaming when shutdown began kept "keep-alive": its connection is closed once idle.
      setInterval(() => server.closeIdleConnections(), 250).unref()
    }, drainSeconds * 1000).unref()
  })
}

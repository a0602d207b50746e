import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A webhook receiver for the tests, on loopback: it keeps every request
 * (headers and raw body) and answers what `respond` says (200 by default), as
 * late as the promise it may return (a slow receiver).
 */
export interface Received {
  /** The path and query it was sent to. */
  url: string
  headers: http.IncomingHttpHeaders
  body: string
  json: { id: string; type: string; createdAt: string; workspace: string; data: Record<string, unknown> }
}

export interface TestReceiver {
  url: string
  received: Received[]
  /** The status for the next request (its index among all received so far), or a promise of it to answer late. */
  respond: (index: number, request: Received) => number | Promise<number>
  close(): Promise<void>
}

export async function startReceiver(path = '/hooks'): Promise<TestReceiver> {
  const receiver: TestReceiver = {
    url: '',
    received: [],
    respond: () => 200,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const request: Received = { url: req.url ?? '', headers: req.headers, body, json: JSON.parse(body) as Received['json'] }
      void Promise.resolve(receiver.respond(receiver.received.length, request)).then((status) => {
        receiver.received.push(request)
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no')
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`
  return receiver
}

import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server on loopback for tests (smtp-server), keeping every mail
 * it accepts parsed by mailparser. `failNext(n)` makes the next n deliveries
 * fail with a 451, as a busy server would.
 */
export interface SmtpInbox {
  url: string
  messages: ParsedMail[]
  failNext(n: number): void
  waitFor(predicate: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>
  close(): Promise<void>
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const messages: ParsedMail[] = []
  const waiters: (() => void)[] = []
  let failures = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No reverse DNS of the loopback client: a lookup that times out here costs ~150 ms a mail.
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      if (failures > 0) {
        failures--
        stream.resume()
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })))
        return
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail)
          for (const w of waiters.splice(0)) w()
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as { port: number }
  return {
    url: `smtp://127.0.0.1:${port}/?starttls=off`,
    messages,
    failNext(n) {
      failures = n
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = messages.find(predicate)
        if (found) return found
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`No such mail within ${timeoutMs} ms (${messages.length} received)`)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left)
          waiters.push(() => {
            clearTimeout(timer)
            resolve()
          })
        })
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

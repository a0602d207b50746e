/**
 * npm run bench:mail — the mail outbox: 10,000 mails queued in one workspace,
 * then sent by two senders at once (on PostgreSQL two pools, as two app
 * instances; PGlite is one process) to a real SMTP server on loopback
 * (smtp-server, in this process). Measures how many mails a second leave,
 * the lag from the last queued mail to the last one received, and checks
 * each mail arrived exactly once. BENCH_ONLY=postgres|pglite, BENCH_MAILS.
 */
import crypto from 'node:crypto'
import { SMTPServer } from 'smtp-server'
import type { DbHandle } from '@/db/client'
import { mailOutbox } from '@/db/schema'
import { sendPendingMail, transportFrom } from '@/lib/mail/send-mail'
import { createWorkspace } from '@/lib/workspaces/create-workspace'
import { BENCH_PASSWORD, machine, onBothDatabases, writeReport } from './support'

process.env.APP_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString('base64')
process.env.AUTH_SECRET ??= crypto.randomBytes(32).toString('base64')
const MAILS = Number(process.env.BENCH_MAILS || 10_000)

async function smtpSink() {
  const seen = new Map<string, number>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No reverse DNS of the loopback client: a lookup that times out here costs ~150 ms a mail.
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      let head = ''
      stream.on('data', (c: Buffer) => {
        if (head.length < 4096) head += c.toString('utf8')
      })
      stream.on('end', () => {
        const id = /^Message-ID: <([^@]+)@/im.exec(head)?.[1] ?? '?'
        seen.set(id, (seen.get(id) ?? 0) + 1)
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as { port: number }).port
  return { url: `smtp://127.0.0.1:${port}/?starttls=off`, seen, close: () => new Promise<void>((r) => server.close(() => r())) }
}

async function runOn(kind: string, a: DbHandle, b: DbHandle) {
  const ws = await createWorkspace(
    a.db,
    {
      slug: `mail-${Date.now().toString(36)}`,
      name: 'Mail bench',
      adminUsername: 'admin',
      adminEmail: 'admin@bench.test',
      adminPassword: BENCH_PASSWORD,
    },
    { userId: null, label: 'bench' },
  )
  for (let i = 0; i < MAILS; i += 1_000) {
    await a.db.insert(mailOutbox).values(
      Array.from({ length: Math.min(1_000, MAILS - i) }, (_, j) => ({
        tenantId: ws.tenantId,
        kind: 'test',
        toAddress: `agent${i + j}@bench.test`,
        subject: `Bench ${i + j}`,
        textBody: 'Hello from the bench.',
        htmlBody: '<p>Hello from the bench.</p>',
      })),
    )
  }
  const sink = await smtpSink()
  try {
    // One pooled SMTP connection per sender, as an instance keeps (nodemailer reuses it between mails).
    const senders = [a, b].map(() => transportFrom({ smtpUrl: sink.url, from: 'Bench <bench@bench.test>', fileDir: '' }))
    const t = performance.now()
    const [x, y] = await Promise.all([
      sendPendingMail(a.db, senders[0]!, { tenantId: ws.tenantId }),
      sendPendingMail(b.db, senders[1]!, { tenantId: ws.tenantId }),
    ])
    const ms = performance.now() - t
    for (const s of senders) s.close?.()
    const once = [...sink.seen.values()].every((n) => n === 1)
    return {
      kind,
      sent: x.sent + y.sent,
      received: sink.seen.size,
      once,
      perSecond: Math.round(((x.sent + y.sent) / ms) * 1000),
      lagMs: Math.round(ms),
      split: `${x.sent} / ${y.sent}`,
    }
  } finally {
    await sink.close()
  }
}

const results = await onBothDatabases('mail', runOn)
for (const r of results) console.log(r)
const rows = results
  .map(
    (r) =>
      `| ${r.kind} | ${r.sent.toLocaleString('en-GB')} | ${r.received.toLocaleString('en-GB')} | ${r.once ? 'yes' : '**no**'} | ${r.split} | ${r.perSecond} | ${(r.lagMs / 1000).toFixed(1)} s |`,
  )
  .join('\n')
writeReport(
  'mail',
  `<!-- mail:start -->
### Mail outbox (\`npm run bench:mail\`)

${machine()}, ${new Date().toISOString().slice(0, 10)}. ${MAILS.toLocaleString('en-GB')} mails queued, then sent by two senders at once (two connection pools on PostgreSQL, as two instances; one process on PGlite) to smtp-server on loopback, each sender with a pool of 3 SMTP connections, a claimed batch of 10 sent side by side. "Lag" is from the start of sending to the last mail received. No target in the issue. The ceiling here is the SMTP exchange itself: nodemailer to smtp-server on this loopback alone takes 46 ms a mail on a kept-open connection (148 ms opening one per mail), so 2 senders × 3 connections ≈ 130 mails/s at most; the outbox's own work (claim, seal/unseal, two UPDATEs) is a small part. An invitation leaves at once after the change that queued it, or within the 5 s poll.

| Database | Sent | Received | Each once | Sender A / B | Mails/s | Lag |
|---|---|---|---|---|---|---|
${rows}
<!-- mail:end -->`,
)

import { afterEach, describe, expect, it, vi } from 'vitest'

// What is counted here is how often the sender claims from the outbox: the sender itself (and its SQL) is tested
// against the database in send-mail.test.ts. The worker would otherwise send every workspace's due mail of the shared
// test database.
const sendPendingMail = vi.hoisted(() => vi.fn(async () => ({ sent: 0, failed: 0 })))
vi.mock('./send-mail', () => ({ sendPendingMail, transportFrom: () => async () => {} }))
vi.mock('@/db/client', async (original) => ({ ...(await original<object>()), getDb: async () => ({}) }))

const { ensureMailWorker, kickMailWorker } = await import('./mail-worker')

/** Until the sender has nothing left running (it is started without being awaited). */
const settled = () => vi.waitFor(() => expect(sendPendingMail.mock.results.every((r) => r.type !== 'incomplete')).toBe(true))

afterEach(() => sendPendingMail.mockClear())

describe('mail worker', () => {
  it('claims once for the first portal page served, then leaves due mail to its poll (no statement per page)', async () => {
    ensureMailWorker()
    await settled()
    for (let i = 0; i < 5; i++) ensureMailWorker()
    await settled()
    expect(sendPendingMail).toHaveBeenCalledTimes(1)
  })

  it('still claims at once after a change that queued mail', async () => {
    kickMailWorker()
    await settled()
    expect(sendPendingMail).toHaveBeenCalledTimes(1)
  })
})

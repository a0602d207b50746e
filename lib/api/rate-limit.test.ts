import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { apiTokens } from '@/db/schema'
import { createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { GET as listGroups } from '@/app/api/v1/groups/route'
import { hashApiToken } from '@/lib/api-tokens/token-secret'
import { apiRateLimit, DEFAULT_RATE_LIMIT, takeRateLimit } from './rate-limit'
import { apiTokenOf, callApi, expectError } from '@/testing/api'

let db: Db
let ws: TestWorkspace

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'rate')
})

const tokenRow = async (token: string) =>
  (
    await db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashApiToken(token)))
  )[0]!

describe('API rate limit, per token, in the database', () => {
  it('answers 429 with Retry-After once a token has used its minute, and other tokens are unaffected', async () => {
    const token = await apiTokenOf(db, ws, ws.admin.id)
    const fresh = await apiTokenOf(db, ws, ws.admin.id)
    const row = await tokenRow(token)
    // Spend the minute: the count lives on the token's row, as if other app instances had used it.
    await db
      .update(apiTokens)
      .set({ rateWindow: new Date(Math.floor(Date.now() / 60_000) * 60_000), rateCount: apiRateLimit() })
      .where(eq(apiTokens.id, row.id))
    const limited = await callApi(listGroups, 'GET', '/api/v1/groups', { token })
    // The minute may have turned over between the update and the request: then the count restarted at 1.
    if ((await tokenRow(token)).rateCount === 1) return
    expectError(limited, 429, 'rate_limited')
    const retry = Number(limited.headers.get('retry-after'))
    expect(retry).toBeGreaterThanOrEqual(1)
    expect(retry).toBeLessThanOrEqual(60)
    expect((await callApi(listGroups, 'GET', '/api/v1/groups', { token: fresh })).status).toBe(200)
  })

  it('counts each request, and starts again in a new minute', async () => {
    const token = await apiTokenOf(db, ws, ws.admin.id)
    const row = await tokenRow(token)
    const key = { tenantId: row.tenantId, tokenId: row.id }
    const first = await takeRateLimit(db, key, 3)
    const second = await takeRateLimit(db, key, 3)
    const third = await takeRateLimit(db, key, 3)
    const fourth = await takeRateLimit(db, key, 3)
    expect([first, second, third]).toEqual([
      { ok: true, remaining: 2 },
      { ok: true, remaining: 1 },
      { ok: true, remaining: 0 },
    ])
    expect(fourth).toMatchObject({ ok: false })
    await db
      .update(apiTokens)
      .set({ rateWindow: new Date(Date.now() - 120_000) })
      .where(eq(apiTokens.id, row.id))
    expect(await takeRateLimit(db, key, 3)).toEqual({ ok: true, remaining: 2 })
  })

  it('takes its limit from API_RATE_LIMIT_PER_MINUTE, ignoring nonsense', () => {
    const saved = process.env.API_RATE_LIMIT_PER_MINUTE
    try {
      process.env.API_RATE_LIMIT_PER_MINUTE = '30'
      expect(apiRateLimit()).toBe(30)
      process.env.API_RATE_LIMIT_PER_MINUTE = '-5'
      expect(apiRateLimit()).toBe(DEFAULT_RATE_LIMIT)
    } finally {
      if (saved === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE
      else process.env.API_RATE_LIMIT_PER_MINUTE = saved
    }
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { startDraining } from '@/lib/http/draining'
import { GET } from './route'

describe('GET /api/health', () => {
  afterEach(() => {
    ;(globalThis as Record<symbol, unknown>)[Symbol.for('switchboard.draining')] = false
  })

  it('is 200 while the database answers, and 503 once the instance is draining', async () => {
    const ok = await GET()
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ status: 'ok' })
    startDraining()
    const draining = await GET()
    expect(draining.status).toBe(503)
    expect(await draining.json()).toEqual({ status: 'draining' })
  })
})

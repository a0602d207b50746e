import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, type Db } from '@/db/client'
import { wholeWorkspace } from '@/lib/auth/scope'
import { dashboardSessions, loginEvents } from '@/db/schema'
import { actorOf, createTestUser, createTestWorkspace, type TestWorkspace } from '@/testing/fixtures'
import { parseUserListParams } from '@/lib/users/list-params'
import Papa from 'papaparse'
import { userActivityCsv } from './report-csv'
import { duration, reportRange, signedInPerDay, userActivity } from './user-activity'

let db: Db
let ws: TestWorkspace
let ana: { id: string; username: string }
let bo: { id: string; username: string }
const at = (s: string) => new Date(`${s}Z`)
const range = reportRange({ from: '2026-11-16', to: '2026-11-22' })

beforeAll(async () => {
  db = await getDb()
  ws = await createTestWorkspace(db, 'report')
  ana = await createTestUser(db, ws.tenantId, { fullName: 'Ana Lima', role: 'Agent' })
  bo = await createTestUser(db, ws.tenantId, { fullName: 'Bo Chen', role: 'Supervisor' })
  const session = (userId: string, from: string, to: string | null, reason: string | null, lastSeen = from) => ({
    tenantId: ws.tenantId,
    userId,
    createdAt: at(from),
    lastSeenAt: at(lastSeen),
    expiresAt: new Date(at(from).getTime() + 12 * 3600_000),
    endedAt: to ? at(to) : null,
    endReason: reason,
  })
  await db.insert(dashboardSessions).values([
    // Before the range, ending inside it: clipped to the range's start.
    session(ana.id, '2026-11-15T23:00:00', '2026-11-16T01:00:00', 'signed_out'),
    session(ana.id, '2026-11-17T09:00:00', '2026-11-17T17:30:00', 'signed_out'),
    // Never signed out: counts until its last sign of life.
    session(bo.id, '2026-11-18T08:00:00', null, null, '2026-11-18T10:00:00'),
    // After the range: not counted.
    session(bo.id, '2026-11-23T08:00:00', '2026-11-23T09:00:00', 'signed_out'),
  ])
  await db.insert(loginEvents).values([
    {
      tenantId: ws.tenantId,
      userId: bo.id,
      identifier: bo.username,
      kind: 'sign_in',
      outcome: 'invalid_credentials',
      createdAt: at('2026-11-18T07:59:00'),
    },
    {
      tenantId: ws.tenantId,
      userId: bo.id,
      identifier: bo.username,
      kind: 'sign_in',
      outcome: 'invalid_credentials',
      createdAt: at('2026-11-10T07:59:00'),
    },
  ])
})

describe('Reports › Users', () => {
  it('per user: first sign-in and last sign-out in the range, sessions, time signed in (clipped), failed attempts', async () => {
    const { rows } = await userActivity(db, wholeWorkspace(ws.tenantId), parseUserListParams({}), range, 1)
    expect(rows).toEqual([
      {
        userId: ana.id,
        fullName: 'Ana Lima',
        username: ana.username,
        firstSignIn: at('2026-11-17T09:00:00'),
        lastSignOut: at('2026-11-17T17:30:00'),
        sessions: 2,
        secondsSignedIn: 3600 + 8.5 * 3600,
        failedAttempts: 0,
      },
      {
        userId: bo.id,
        fullName: 'Bo Chen',
        username: bo.username,
        firstSignIn: at('2026-11-18T08:00:00'),
        lastSignOut: null,
        sessions: 1,
        secondsSignedIn: 2 * 3600,
        failedAttempts: 1,
      },
    ])
    expect(duration(3600 + 8.5 * 3600)).toBe('9 h 30 min')
  })

  it('the same filters as the users list narrow it; another workspace sees nothing of it', async () => {
    expect(
      (await userActivity(db, wholeWorkspace(ws.tenantId), parseUserListParams({ role: 'Supervisor' }), range, 1)).rows.map(
        (r) => r.fullName,
      ),
    ).toEqual(['Bo Chen'])
    expect(
      (await userActivity(db, wholeWorkspace(ws.tenantId), parseUserListParams({ q: 'lima' }), range, 1)).rows.map((r) => r.fullName),
    ).toEqual(['Ana Lima'])
    const other = await createTestWorkspace(db, 'report-other')
    expect((await userActivity(db, wholeWorkspace(other.tenantId), parseUserListParams({}), range, 1)).rows).toEqual([])
  })

  it('distinct users signed in per day, every day of the range', async () => {
    const days = await signedInPerDay(db, wholeWorkspace(ws.tenantId), parseUserListParams({}), range)
    expect(days.map((d) => d.day)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ])
    expect(days.map((d) => d.users)).toEqual([1, 1, 1, 0, 0, 0, 0])
  })

  it('ranges default to the last 7 days, swap when reversed, and stop at a year', () => {
    expect(reportRange({}, 'UTC', at('2026-11-23T15:00:00'))).toMatchObject({ fromText: '2026-11-17', toText: '2026-11-23', days: 7 })
    expect(reportRange({ from: '2026-11-20', to: '2026-11-10' })).toMatchObject({ fromText: '2026-11-10', toText: '2026-11-20' })
    expect(reportRange({ from: '2020-01-01', to: '2026-11-20' }).days).toBe(366)
    expect(reportRange({ from: 'nonsense', to: '2026-02-30x' }, 'UTC', at('2026-11-23T00:00:00')).toText).toBe('2026-11-23')
  })

  it('days are the workspace’s calendar days: in its zone, DST included', () => {
    const paris = reportRange({ from: '2026-10-24', to: '2026-10-25' }, 'Europe/Paris')
    // CEST (UTC+2) on the 24th; the clocks go back during the 25th, so it ends at 23:00 UTC (CET, UTC+1).
    expect(paris.from.toISOString()).toBe('2026-10-23T22:00:00.000Z')
    expect(paris.to.toISOString()).toBe('2026-10-25T23:00:00.000Z')
    expect(paris.days).toBe(2)
    // 15:00 UTC on the 23rd is already the 24th in Auckland (UTC+13).
    expect(reportRange({}, 'Pacific/Auckland', at('2026-11-23T15:00:00')).toText).toBe('2026-11-24')
  })

  it('exports to CSV with the same rows', async () => {
    const text = await new Response(userActivityCsv(db, actorOf(ws), { params: parseUserListParams({}), range: range })).text()
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
    expect(rows[0]).toEqual([
      'Full name',
      'Username',
      'First sign-in (UTC)',
      'Last sign-out (UTC)',
      'Sessions',
      'Time signed in',
      'Seconds signed in',
      'Failed attempts',
    ])
    expect(userActivityCsv(db, actorOf(ws, 'Agent'), { params: parseUserListParams({}), range: range })).toBeNull()
    expect(rows.slice(1)).toEqual([
      ['Ana Lima', ana.username, '2026-11-17 09:00:00', '2026-11-17 17:30:00', '2', '9 h 30 min', '34200', '0'],
      ['Bo Chen', bo.username, '2026-11-18 08:00:00', '', '1', '2 h 00 min', '7200', '1'],
    ])
  })
})

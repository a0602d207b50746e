import 'server-only'
import type { Db } from '@/db/client'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import type { Reach } from '@/lib/auth/scope'
import { neutralise } from '@/lib/imports/formula-cells'
import { csvStream, utc } from '@/lib/exports/formats'
import type { UserListParams } from '@/lib/users/list-params'
import { duration, userActivity, type ActivityRow, type ReportRange } from './user-activity'

const cell = (d: Date | null) => (d ? utc(d) : '')
const HEADER = [
  'Full name',
  'Username',
  'First sign-in (UTC)',
  'Last sign-out (UTC)',
  'Sessions',
  'Time signed in',
  'Seconds signed in',
  'Failed attempts',
]

async function* pages(db: Db, reach: Reach, params: UserListParams, range: ReportRange) {
  for (let page = 1; ; page++) {
    const { rows, hasMore } = await userActivity(db, reach, params, range, page, 1000)
    yield rows
    if (!hasMore) return
  }
}

/** Reports › Users as CSV (the users export's CSV writer), 1,000 users at a time; audited. Null without `reports.read`. */
export function userActivityCsv(
  db: Db,
  who: Actor,
  { params, range }: { params: UserListParams; range: ReportRange },
): ReadableStream<Uint8Array> | null {
  if (!who.permissions.has('reports.read')) return null
  return csvStream(
    HEADER,
    pages(db, who, params, range),
    (r: ActivityRow) => [
      neutralise(r.fullName),
      neutralise(r.username),
      cell(r.firstSignIn),
      cell(r.lastSignOut),
      String(r.sessions),
      duration(r.secondsSignedIn),
      String(r.secondsSignedIn),
      String(r.failedAttempts),
    ],
    (count) =>
      recordAudit(db, {
        tenantId: who.tenantId,
        actor: who,
        action: 'reports.users.export',
        entityType: 'report',
        after: { from: range.fromText, to: range.toText, rows: count },
      }),
  )
}

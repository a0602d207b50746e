import 'server-only'
import Papa from 'papaparse'
import type { Db } from '@/db/client'
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit'
import { neutralise } from '@/lib/exports/export-rows'
import type { Permission } from '@/lib/auth/permissions'
import type { UserListParams } from '@/lib/users/list-params'
import { duration, userActivity, type ReportRange } from './user-activity'

const utc = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace('T', ' ') : '')

/** Reports › Users as CSV (BOM, RFC 4180, neutralised), streamed 1,000 users at a time; audited. Null without `reports.read`. */
export function userActivityCsv(
  db: Db,
  who: AuditActor & { tenantId: string; permissions: ReadonlySet<Permission> },
  params: UserListParams,
  range: ReportRange,
): ReadableStream<Uint8Array> | null {
  if (!who.permissions.has('reports.read')) return null
  const encoder = new TextEncoder()
  let page = 0
  let count = 0
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (page === 0) {
          page = 1
          const header = ['Full name', 'Username', 'First sign-in (UTC)', 'Last sign-out (UTC)', 'Sessions', 'Time signed in', 'Seconds signed in', 'Failed attempts']
          controller.enqueue(encoder.encode('\uFEFF' + Papa.unparse([header], { newline: '\r\n' }) + '\r\n'))
          return
        }
        // Every pull enqueues or closes: a pull that does neither would leave the reader waiting for ever.
        const { rows, hasMore } = await userActivity(db, who.tenantId, params, range, page++, 1000)
        count += rows.length
        if (rows.length) {
          const cells = rows.map((r) => [neutralise(r.fullName), neutralise(r.username), utc(r.firstSignIn), utc(r.lastSignOut), String(r.sessions), duration(r.secondsSignedIn), String(r.secondsSignedIn), String(r.failedAttempts)])
          controller.enqueue(encoder.encode(Papa.unparse(cells, { newline: '\r\n' }) + '\r\n'))
        }
        if (!hasMore) {
          await recordAudit(db, { tenantId: who.tenantId, actor: who, action: 'reports.users.export', entityType: 'report', after: { from: range.fromText, to: range.toText, rows: count } })
          controller.close()
        }
      },
    },
    { highWaterMark: 1 },
  )
}

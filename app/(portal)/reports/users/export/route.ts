import { getDb } from '@/db/client'
import { sessionActor } from '@/lib/auth/actor'
import { requireUser } from '@/lib/auth/session'
import { userActivityCsv } from '@/lib/reports/report-csv'
import { reportRange } from '@/lib/reports/user-activity'
import { parseUserListParams } from '@/lib/users/list-params'

/** GET /reports/users/export?from=&to=&<filters>: `Export to CSV` of Reports › Users (`reports.read`). */
export async function GET(request: Request) {
  const user = await requireUser()
  const query = new URL(request.url).searchParams
  const range = reportRange({ from: query.get('from'), to: query.get('to') }, user.timeZone)
  const body = userActivityCsv(await getDb(), await sessionActor(), { params: parseUserListParams(query), range })
  if (!body) return new Response('Not found', { status: 404 })
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="users-report-${user.tenantSlug}-${range.fromText}-to-${range.toText}.csv"`,
      'cache-control': 'no-store',
    },
  })
}

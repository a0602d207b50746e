'use client'

import { fullTime, type ShownTime } from '@/app/_components/date-time'
import { useHydrated } from '@/app/_components/use-hydrated'
import { USER_COLUMNS, type UserColumnId } from './columns'
import { RowActions } from './row-actions'
import { SelectRowCheckbox, useListRows } from './table-controls'

/**
 * One user of the list as the page sends it: values only, already formatted on
 * the server, in a tuple (the page carries 25 to 200 of these; names would be
 * most of the bytes). The rows are rendered from these here: a server-rendered
 * table would be sent twice, as HTML and again as the RSC payload's tree of
 * every cell (issue 21: 92 KB for 25 rows).
 */
export type ListRow = [
  id: string,
  fullName: string,
  username: string,
  email: string,
  /** "201 (SIP)" */
  extension: string | null,
  role: string,
  profile: string | null,
  /** "Billing, Support" */
  groups: string | null,
  active: boolean,
  /** Said under the status when no password is set yet ("Invited", …). */
  passwordNote: string | null,
  signedInSince: ShownTime | null,
  forceLogin: boolean,
  lastLogin: ShownTime | null,
]

/**
 * A row's time. Its title (the seconds and the zone) is added by the browser
 * once hydrated, from the ISO time: sent as text it was ~80 bytes a row, in the
 * HTML and again in the payload (issue 21). Without JavaScript the title is
 * missing; the column header names the zone.
 */
function ListTime({ time: [iso, text], timeZone }: { time: ShownTime; timeZone: string | null }) {
  return (
    <time dateTime={iso} title={timeZone ? fullTime(new Date(iso), timeZone) : undefined}>
      {text}
    </time>
  )
}

/**
 * A cell's content from the row; `titleZone` is the zone for times' titles, null
 * before hydration. A missing value leaves the cell empty: globals.css draws its dash.
 */
const CELLS: Record<Exclude<UserColumnId, 'fullName'>, (r: ListRow, titleZone: string | null) => React.ReactNode> = {
  username: (r) => r[2],
  email: (r) => r[3],
  extension: (r) => r[4],
  role: (r) => r[5],
  profile: (r) => r[6],
  groups: (r) => r[7],
  status: (r) => (
    <>
      {r[8] ? 'Active' : 'Inactive'}
      {r[9] && <span className="muted block text-xs">{r[9]}</span>}
    </>
  ),
  signedIn: (r, titleZone) =>
    r[10] ? (
      <span className="whitespace-nowrap">
        <span className="ok" aria-hidden="true">
          ●
        </span>{' '}
        since <ListTime time={r[10]} timeZone={titleZone} />
      </span>
    ) : (
      'No'
    ),
  forceLogin: (r) => (r[11] ? 'Yes' : 'No'),
  lastLogin: (r, titleZone) => (r[12] ? <ListTime time={r[12]} timeZone={titleZone} /> : 'Never'),
}

/**
 * The tone of a cell whose whole text has one, as the <td>'s class rather than a
 * span inside it on every row (issue 21: bytes in the HTML).
 */
const TONES: Partial<Record<UserColumnId, (r: ListRow) => 'ok' | 'muted' | undefined>> = {
  status: (r) => (r[8] ? 'ok' : 'muted'),
  signedIn: (r) => (r[10] ? undefined : 'muted'),
  lastLogin: (r) => (r[12] ? undefined : 'muted'),
}

/** The table's body: the same HTML the server sends without JavaScript, from the rows UsersTableControls holds. */
export function UsersRows({
  bulk,
  can,
  listQuery,
  timeZone,
}: {
  bulk: boolean
  can: { update: boolean; delete: boolean }
  listQuery: string
  timeZone: string
}) {
  const rows = useListRows()
  const titleZone = useHydrated() ? timeZone : null
  return (
    <tbody>
      {rows.map((r) => (
        <tr key={r[0]}>
          {bulk && <SelectRowCheckbox id={r[0]} label={`Select ${r[1]}`} />}
          {/* The name and the Actions cell stay in view by their place in the row (globals.css), not a class on each. */}
          <th scope="row">{r[1]}</th>
          {USER_COLUMNS.slice(1).map((c) => (
            <td key={c.id} className={TONES[c.id]?.(r)}>
              {CELLS[c.id as Exclude<UserColumnId, 'fullName'>](r, titleZone)}
            </td>
          ))}
          <td>
            <RowActions userId={r[0]} fullName={r[1]} canUpdate={can.update} canDelete={can.delete} listQuery={listQuery} />
          </td>
        </tr>
      ))}
    </tbody>
  )
}

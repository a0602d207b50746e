'use client'

import { ShownTimeText, type ShownTime } from '@/app/_components/date-time'
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

const none = <span className="muted">—</span>

const CELLS: Record<Exclude<UserColumnId, 'fullName'>, (r: ListRow) => React.ReactNode> = {
  username: (r) => r[2],
  email: (r) => r[3],
  extension: (r) => r[4] ?? none,
  role: (r) => r[5],
  profile: (r) => r[6] ?? none,
  groups: (r) => r[7] ?? none,
  status: (r) => (
    <>
      {r[8] ? <span className="ok">Active</span> : <span className="muted">Inactive</span>}
      {r[9] && <span className="muted block text-xs">{r[9]}</span>}
    </>
  ),
  signedIn: (r) =>
    r[10] ? (
      <span className="whitespace-nowrap">
        <span className="ok" aria-hidden="true">
          ●
        </span>{' '}
        since <ShownTimeText time={r[10]} />
      </span>
    ) : (
      <span className="muted">No</span>
    ),
  forceLogin: (r) => (r[11] ? 'Yes' : 'No'),
  lastLogin: (r) => (r[12] ? <ShownTimeText time={r[12]} /> : <span className="muted">Never</span>),
}

/** The table's body: the same HTML the server sends without JavaScript, from the rows UsersTableControls holds. */
export function UsersRows({ bulk, can, listQuery }: { bulk: boolean; can: { update: boolean; delete: boolean }; listQuery: string }) {
  const rows = useListRows()
  return (
    <tbody>
      {rows.map((r) => (
        <tr key={r[0]}>
          {bulk && <SelectRowCheckbox id={r[0]} label={`Select ${r[1]}`} />}
          {/* The name and the Actions cell stay in view by their place in the row (globals.css), not a class on each. */}
          <th scope="row">{r[1]}</th>
          {USER_COLUMNS.slice(1).map((c) => (
            <td key={c.id}>{CELLS[c.id as Exclude<UserColumnId, 'fullName'>](r)}</td>
          ))}
          <td>
            <RowActions userId={r[0]} fullName={r[1]} canUpdate={can.update} canDelete={can.delete} listQuery={listQuery} />
          </td>
        </tr>
      ))}
    </tbody>
  )
}

import { userListHref, type SortKey, type UserListParams } from '@/lib/users/list-params'
import type { UserListRow } from '@/lib/users/list-users'
import { USER_COLUMNS, type UserColumnId } from './columns'
import { ListLink } from './list-navigation'
import { RowActions } from './row-actions'
import { SelectAllCheckbox, SelectRowCheckbox, UsersTableControls } from './table-controls'

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
const TABLE_ID = 'users-table'

const CELLS: Record<Exclude<UserColumnId, 'fullName'>, (u: UserListRow) => React.ReactNode> = {
  username: (u) => u.username,
  email: (u) => u.email,
  extension: (u) => (u.extensionNumber ? `${u.extensionNumber} (${u.extensionType})` : <span className="muted">—</span>),
  role: (u) => u.role,
  profile: (u) => u.profileName ?? <span className="muted">—</span>,
  groups: (u) => u.groups.map((g) => g.name).join(', ') || <span className="muted">—</span>,
  status: (u) => (u.status === 'active' ? <span className="ok">Active</span> : <span className="muted">Inactive</span>),
  forceLogin: (u) => (u.forceLogin ? 'Yes' : 'No'),
  lastLogin: (u) => (u.lastLoginAt ? dateTime.format(u.lastLoginAt) : <span className="muted">Never</span>),
}

/** A column header; sortable ones are links (they work without JavaScript) and say their order to screen readers. */
function HeaderCell({ params, label, sortKey }: { params: UserListParams; label: string; sortKey?: SortKey }) {
  if (!sortKey) return <th scope="col">{label}</th>
  const active = params.sort.key === sortKey
  return (
    <th scope="col" aria-sort={active ? (params.sort.desc ? 'descending' : 'ascending') : 'none'}>
      <ListLink
        href={userListHref(params, { sort: { key: sortKey, desc: active ? !params.sort.desc : false }, page: 1 })}
        className="text-slate-800 no-underline hover:underline"
      >
        {label}
        {active && <span aria-hidden="true">{params.sort.desc ? ' ↓' : ' ↑'}</span>}
      </ListLink>
    </th>
  )
}

/**
 * The list's table, rendered on the server: sort headers and row menus are
 * links, so it all works without JavaScript. The client part
 * (UsersTableControls) adds row selection, bulk actions and the column chooser
 * from the row ids alone.
 */
export function UsersTable({
  rows,
  params,
  can,
}: {
  rows: UserListRow[]
  params: UserListParams
  can: { update: boolean; delete: boolean }
}) {
  const bulk = can.update || can.delete
  return (
    <UsersTableControls rowIds={rows.map((u) => u.id)} viewKey={userListHref(params)} tableId={TABLE_ID} can={can}>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table id={TABLE_ID} className="data-table">
          <thead>
            <tr>
              {bulk && (
                <th scope="col" className="sel">
                  <SelectAllCheckbox />
                </th>
              )}
              {USER_COLUMNS.map((c) => (
                <HeaderCell key={c.id} params={params} label={c.label} sortKey={'sortKey' in c ? c.sortKey : undefined} />
              ))}
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                {bulk && (
                  <td className="sel">
                    <SelectRowCheckbox id={u.id} label={`Select ${u.fullName}`} />
                  </td>
                )}
                <th scope="row">{u.fullName}</th>
                {USER_COLUMNS.slice(1).map((c) => (
                  <td key={c.id}>{CELLS[c.id as Exclude<UserColumnId, 'fullName'>](u)}</td>
                ))}
                <td>
                  <RowActions userId={u.id} fullName={u.fullName} canUpdate={can.update} canDelete={can.delete} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </UsersTableControls>
  )
}

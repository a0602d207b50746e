import { userListHref, userListQuery, type SortKey, type UserListParams } from '@/lib/users/list-params'
import type { UserListRow } from '@/lib/users/list-users'
import type { FilterOptions } from '@/lib/users/list-filter-options'
import { PASSWORD_STATE_LABELS } from '@/lib/users/password-state'
import { USER_COLUMNS, type UserColumnId } from './columns'
import { ListLink } from './list-navigation'
import { RowActions } from './row-actions'
import { SelectAllCheckbox, SelectRowCheckbox, UsersTableControls } from './table-controls'

import { DateTime, SinceTime, zoneNote } from '@/app/_components/date-time'
const TABLE_ID = 'users-table'

const CELLS: Record<Exclude<UserColumnId, 'fullName'>, (u: UserListRow, timeZone: string) => React.ReactNode> = {
  username: (u) => u.username,
  email: (u) => u.email,
  extension: (u) => (u.extensionNumber ? `${u.extensionNumber} (${u.extensionType})` : <span className="muted">—</span>),
  role: (u) => u.role,
  profile: (u) => u.profileName ?? <span className="muted">—</span>,
  groups: (u) => u.groups.map((g) => g.name).join(', ') || <span className="muted">—</span>,
  status: (u) => (
    <>
      {u.status === 'active' ? <span className="ok">Active</span> : <span className="muted">Inactive</span>}
      {u.passwordState !== 'set' && <span className="muted block text-xs">{PASSWORD_STATE_LABELS[u.passwordState]}</span>}
    </>
  ),
  signedIn: (u, timeZone) =>
    u.signedInSince ? (
      <span className="whitespace-nowrap">
        <span className="ok" aria-hidden="true">
          ●
        </span>{' '}
        since <SinceTime value={u.signedInSince} timeZone={timeZone} />
      </span>
    ) : (
      <span className="muted">No</span>
    ),
  forceLogin: (u) => (u.forceLogin ? 'Yes' : 'No'),
  lastLogin: (u, timeZone) =>
    u.lastLoginAt ? <DateTime value={u.lastLoginAt} timeZone={timeZone} /> : <span className="muted">Never</span>,
}

/** A column header; sortable ones are links (they work without JavaScript) and say their order to screen readers. */
function HeaderCell({ params, label, sortKey, sticky }: { params: UserListParams; label: string; sortKey?: SortKey; sticky?: boolean }) {
  const className = sticky ? 'sticky-name' : undefined
  if (!sortKey)
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    )
  const active = params.sort.key === sortKey
  return (
    <th scope="col" className={className} aria-sort={active ? (params.sort.desc ? 'descending' : 'ascending') : 'none'}>
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
  timeZone,
  total,
  options,
}: {
  rows: UserListRow[]
  params: UserListParams
  can: { update: boolean; delete: boolean }
  timeZone: string
  /** How many users match the view (the bulk bar's "Select all N matching"); null when only a lower bound is known. */
  total: number | null
  options: FilterOptions
}) {
  const listQuery = userListQuery(params).toString()
  const bulk = can.update || can.delete
  return (
    <UsersTableControls
      rows={rows.map((u) => ({ id: u.id, name: u.fullName }))}
      viewKey={userListHref(params)}
      listQuery={listQuery}
      total={total}
      tableId={TABLE_ID}
      can={can}
      options={options}
    >
      {/* The table scrolls inside its frame (never the page); the name and, on wider screens, Actions stay in view. */}
      <div className="relative mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table id={TABLE_ID} className="data-table">
          <thead>
            <tr>
              {bulk && (
                <th scope="col" className="sel">
                  <SelectAllCheckbox />
                </th>
              )}
              {USER_COLUMNS.map((c) => (
                <HeaderCell
                  key={c.id}
                  params={params}
                  label={c.id === 'lastLogin' ? zoneNote(c.label, timeZone) : c.label}
                  sortKey={'sortKey' in c ? c.sortKey : undefined}
                  sticky={c.id === 'fullName'}
                />
              ))}
              <th scope="col" className="sticky-end">
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
                <th scope="row" className="sticky-name">
                  {u.fullName}
                </th>
                {USER_COLUMNS.slice(1).map((c) => (
                  <td key={c.id}>{CELLS[c.id as Exclude<UserColumnId, 'fullName'>](u, timeZone)}</td>
                ))}
                <td className="sticky-end">
                  <RowActions userId={u.id} fullName={u.fullName} canUpdate={can.update} canDelete={can.delete} listQuery={listQuery} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </UsersTableControls>
  )
}

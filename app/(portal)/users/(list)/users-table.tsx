import { userListHref, userListQuery, type UserListParams } from '@/lib/users/list-params'
import type { UserListRow } from '@/lib/users/list-users'
import type { FilterOptions } from '@/lib/users/list-filter-options'
import { PASSWORD_STATE_LABELS } from '@/lib/users/password-state'
import { shownTime } from '@/app/_components/date-time'
import { UsersTableControls } from './table-controls'
import { UsersTableHead } from './users-table-head'
import { UsersRows, type ListRow } from './users-rows'
const TABLE_ID = 'users-table'

/** A user as the list's rows take it (users-rows.tsx): values only, times formatted here in the workspace's zone. */
function toListRow(u: UserListRow, timeZone: string): ListRow {
  return [
    u.id,
    u.fullName,
    u.username,
    u.email,
    u.extensionNumber ? `${u.extensionNumber} (${u.extensionType})` : null,
    u.role,
    u.profileName,
    u.groups.map((g) => g.name).join(', ') || null,
    u.status === 'active',
    u.passwordState === 'set' ? null : PASSWORD_STATE_LABELS[u.passwordState],
    u.signedInSince ? shownTime(u.signedInSince, timeZone, 'since') : null,
    u.forceLogin,
    u.lastLoginAt ? shownTime(u.lastLoginAt, timeZone, 'dateTime') : null,
  ]
}

/**
 * The list's table: the header here on the server, the rows from their values
 * (users-rows.tsx, rendered into the page's HTML on the server too). Sort
 * headers and row menus are links, so it all works without JavaScript; the
 * client part (UsersTableControls) adds row selection, bulk actions and the
 * column chooser.
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
      rows={rows.map((u) => toListRow(u, timeZone))}
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
          <UsersTableHead params={params} bulk={bulk} timeZone={timeZone} />
          <UsersRows bulk={bulk} can={can} listQuery={listQuery} timeZone={timeZone} />
        </table>
      </div>
    </UsersTableControls>
  )
}

'use client'

import { zoneNote } from '@/app/_components/date-time'
import { userListHref, type SortKey, type UserListParams } from '@/lib/users/list-params'
import { USER_COLUMNS } from './columns'
import { ListLink } from './list-navigation'
import { SelectAllCheckbox } from './table-controls'

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
      {/* Styled by its place (globals.css: #users-table thead a), not a class on each of the sortable headers. */}
      <ListLink href={userListHref(params, { sort: { key: sortKey, desc: active ? !params.sort.desc : false }, page: 1 })}>
        {label}
        {active && <span aria-hidden="true">{params.sort.desc ? ' ↓' : ' ↑'}</span>}
      </ListLink>
    </th>
  )
}

/**
 * The list's header row. A client component for its weight, like the rows: the
 * page sends the view's parameters (already sent for the filters) instead of
 * the tree of every header link.
 */
export function UsersTableHead({ params, bulk, timeZone }: { params: UserListParams; bulk: boolean; timeZone: string }) {
  return (
    <thead>
      <tr>
        {bulk && <SelectAllCheckbox />}
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
  )
}

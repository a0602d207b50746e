import Link from 'next/link'
import type { SortKey, UserListParams } from '@/lib/users/list-params'
import { userListHref } from '@/lib/users/list-params'
import type { UserListRow } from '@/lib/users/list-users'
import { RowActions } from './row-actions'

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })

function SortHeader({ params, label, sortKey }: { params: UserListParams; label: string; sortKey?: SortKey }) {
  if (!sortKey) return <th scope="col" className="px-3 py-2 text-left font-semibold">{label}</th>
  const active = params.sort.key === sortKey
  const nextDesc = active ? !params.sort.desc : false
  const ariaSort = active ? (params.sort.desc ? 'descending' : 'ascending') : 'none'
  return (
    <th scope="col" aria-sort={ariaSort} className="px-3 py-2 text-left font-semibold">
      <Link href={userListHref(params, { sort: { key: sortKey, desc: nextDesc }, page: 1 })} className="text-slate-800 no-underline hover:underline">
        {label}
        {active && <span aria-hidden="true">{params.sort.desc ? ' ↓' : ' ↑'}</span>}
      </Link>
    </th>
  )
}

/** Server-rendered table: sort headers and row menus are plain links, so it all works without JavaScript. */
export function UsersTable({ rows, params, canDelete }: { rows: UserListRow[]; params: UserListParams; canDelete: boolean }) {
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <SortHeader params={params} label="Full name" sortKey="name" />
            <SortHeader params={params} label="Username" sortKey="username" />
            <SortHeader params={params} label="Email" sortKey="email" />
            <SortHeader params={params} label="Extension" />
            <SortHeader params={params} label="Role" sortKey="role" />
            <SortHeader params={params} label="Profile" />
            <SortHeader params={params} label="Groups" />
            <SortHeader params={params} label="Status" sortKey="status" />
            <SortHeader params={params} label="Force login" sortKey="force_login" />
            <SortHeader params={params} label="Last login" sortKey="last_login" />
            <th scope="col" className="px-3 py-2 text-left font-semibold">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((u) => (
            <tr key={u.id} className="hover:bg-slate-50">
              <td className="px-3 py-2 font-medium">{u.fullName}</td>
              <td className="px-3 py-2">{u.username}</td>
              <td className="px-3 py-2">{u.email}</td>
              <td className="px-3 py-2 whitespace-nowrap">{u.extensionNumber ? `${u.extensionNumber} (${u.extensionType})` : '—'}</td>
              <td className="px-3 py-2">{u.role}</td>
              <td className="px-3 py-2">{u.profileName ?? '—'}</td>
              <td className="px-3 py-2">{u.groups.map((g) => g.name).join(', ') || '—'}</td>
              <td className="px-3 py-2">
                <span className={u.status === 'active' ? 'text-emerald-700' : 'text-slate-500'}>{u.status === 'active' ? 'Active' : 'Inactive'}</span>
              </td>
              <td className="px-3 py-2">{u.forceLogin ? 'Yes' : 'No'}</td>
              <td className="px-3 py-2 whitespace-nowrap">{u.lastLoginAt ? dateTime.format(u.lastLoginAt) : 'Never'}</td>
              <td className="px-3 py-2">
                <RowActions userId={u.id} fullName={u.fullName} canDelete={canDelete} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

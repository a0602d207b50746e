'use client'

import Link from 'next/link'
import { useRef, useState, useSyncExternalStore, useTransition } from 'react'
import {
  columnVisibilityFeature,
  rowSelectionFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type RowSelectionState,
} from '@tanstack/react-table'
import { userListHref, type SortKey, type UserListParams } from '@/lib/users/list-params'
import type { UserListRow } from '@/lib/users/list-users'
import { bulkUsersAction } from './bulk-action'
import { RowActions } from './row-actions'

const noSubscription = () => () => {}
const features = tableFeatures({ rowSelectionFeature, columnVisibilityFeature })
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })

const COLUMNS: { id: string; label: string; sortKey?: SortKey; cell: (u: UserListRow) => React.ReactNode }[] = [
  { id: 'fullName', label: 'Full name', sortKey: 'name', cell: (u) => <span className="font-medium">{u.fullName}</span> },
  { id: 'username', label: 'Username', sortKey: 'username', cell: (u) => u.username },
  { id: 'email', label: 'Email', sortKey: 'email', cell: (u) => u.email },
  { id: 'extension', label: 'Extension', cell: (u) => (u.extensionNumber ? `${u.extensionNumber} (${u.extensionType})` : '—') },
  { id: 'role', label: 'Role', sortKey: 'role', cell: (u) => u.role },
  { id: 'profile', label: 'Profile', cell: (u) => u.profileName ?? '—' },
  { id: 'groups', label: 'Groups', cell: (u) => u.groups.map((g) => g.name).join(', ') || '—' },
  {
    id: 'status',
    label: 'Status',
    sortKey: 'status',
    cell: (u) => <span className={u.status === 'active' ? 'text-emerald-700' : 'text-slate-500'}>{u.status === 'active' ? 'Active' : 'Inactive'}</span>,
  },
  { id: 'forceLogin', label: 'Force login', sortKey: 'force_login', cell: (u) => (u.forceLogin ? 'Yes' : 'No') },
  { id: 'lastLogin', label: 'Last login', sortKey: 'last_login', cell: (u) => (u.lastLoginAt ? dateTime.format(u.lastLoginAt) : 'Never') },
]

const columns: ColumnDef<typeof features, UserListRow>[] = COLUMNS.map((c) => ({ id: c.id, header: c.label, accessorFn: (u: UserListRow) => u.id }))

/** A column header; sortable ones are links (they work without JavaScript) and say their order to screen readers. */
function HeaderCell({ params, label, sortKey }: { params: UserListParams; label: string; sortKey?: SortKey }) {
  const className = 'px-3 py-2 text-left font-semibold'
  if (!sortKey) {
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    )
  }
  const active = params.sort.key === sortKey
  return (
    <th scope="col" aria-sort={active ? (params.sort.desc ? 'descending' : 'ascending') : 'none'} className={className}>
      <Link href={userListHref(params, { sort: { key: sortKey, desc: active ? !params.sort.desc : false }, page: 1 })} className="text-slate-800 no-underline hover:underline">
        {label}
        {active && <span aria-hidden="true">{params.sort.desc ? ' ↓' : ' ↑'}</span>}
      </Link>
    </th>
  )
}

const VERBS = { activate: 'Activate', deactivate: 'Deactivate', delete: 'Delete' } as const
type Verb = keyof typeof VERBS

/**
 * The list's table. It renders on the server (sort headers and row menus are
 * links: it all works without JavaScript); once JavaScript runs it adds row
 * selection with bulk actions and a column chooser.
 */
export function UsersTable({ rows, params, can }: { rows: UserListRow[]; params: UserListParams; can: { update: boolean; delete: boolean } }) {
  // False in the server render and the first client render, true once hydrated: no JavaScript, no dead checkboxes.
  const interactive = useSyncExternalStore(noSubscription, () => true, () => false)
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({})
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({})
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (u) => u.id,
    state: { rowSelection, columnVisibility },
    onRowSelectionChange: setRowSelection,
    onColumnVisibilityChange: setColumnVisibility,
  })

  const selected = Object.keys(rowSelection)
  const [confirming, setConfirming] = useState<Verb | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [pending, startTransition] = useTransition()
  const dialog = useRef<HTMLDialogElement>(null)
  const canBulk = interactive && (can.update || can.delete)

  function ask(verb: Verb) {
    setConfirming(verb)
    setMessage(null)
    dialog.current?.showModal()
  }
  function confirm() {
    if (!confirming) return
    const data = new FormData()
    data.set('action', confirming)
    for (const id of selected) data.append('ids', id)
    startTransition(async () => {
      const result = await bulkUsersAction(data)
      dialog.current?.close()
      setMessage(result.ok ? { ok: true, text: `${VERBS[confirming]}d ${result.changed} user${result.changed === 1 ? '' : 's'}.` } : { ok: false, text: result.message })
      if (result.ok) setRowSelection({})
      setConfirming(null)
    })
  }

  const visible = COLUMNS.filter((c) => table.getColumn(c.id)?.getIsVisible() ?? true)
  return (
    <>
      {interactive && (
        <div className="mt-4 flex flex-wrap items-center gap-2">
          {canBulk && (
            <div role="group" aria-label="Bulk actions" className="flex items-center gap-2">
              <span className="text-sm text-slate-600">{selected.length} selected</span>
              {can.update && (
                <>
                  <button type="button" className="btn-secondary" disabled={!selected.length} onClick={() => ask('activate')}>
                    Activate
                  </button>
                  <button type="button" className="btn-secondary" disabled={!selected.length} onClick={() => ask('deactivate')}>
                    Deactivate
                  </button>
                </>
              )}
              {can.delete && (
                <button type="button" className="btn-secondary" disabled={!selected.length} onClick={() => ask('delete')}>
                  Delete
                </button>
              )}
            </div>
          )}
          <details className="relative ml-auto">
            <summary className="btn-secondary cursor-pointer list-none">Columns</summary>
            <div className="absolute right-0 z-10 mt-1 w-48 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
              {COLUMNS.map((c) => (
                <label key={c.id} className="flex items-center gap-2 px-2 py-1 text-sm">
                  <input
                    type="checkbox"
                    aria-label={`Show the ${c.label} column`}
                    checked={table.getColumn(c.id)?.getIsVisible() ?? true}
                    onChange={(e) => table.getColumn(c.id)?.toggleVisibility(e.target.checked)}
                  />
                  {c.label}
                </label>
              ))}
            </div>
          </details>
        </div>
      )}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={`mt-3 rounded-md px-3 py-2 text-sm ${message.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}>
          {message.text}
        </p>
      )}
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              {canBulk && (
                <th scope="col" className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select all users on this page"
                    checked={table.getIsAllRowsSelected()}
                    ref={(el) => {
                      if (el) el.indeterminate = table.getIsSomeRowsSelected()
                    }}
                    onChange={(e) => table.toggleAllRowsSelected(e.target.checked)}
                  />
                </th>
              )}
              {visible.map((c) => (
                <HeaderCell key={c.id} params={params} label={c.label} sortKey={c.sortKey} />
              ))}
              <th scope="col" className="px-3 py-2 text-left font-semibold">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => {
              const u = row.original
              return (
                <tr key={u.id} className={row.getIsSelected() ? 'bg-indigo-50' : 'hover:bg-slate-50'}>
                  {canBulk && (
                    <td className="px-3 py-2">
                      <input type="checkbox" aria-label={`Select ${u.fullName}`} checked={row.getIsSelected()} onChange={(e) => row.toggleSelected(e.target.checked)} />
                    </td>
                  )}
                  {visible.map((c) =>
                    c.id === 'fullName' ? (
                      <th key={c.id} scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                        {c.cell(u)}
                      </th>
                    ) : (
                      <td key={c.id} className="px-3 py-2 whitespace-nowrap">
                        {c.cell(u)}
                      </td>
                    ),
                  )}
                  <td className="px-3 py-2">
                    <RowActions userId={u.id} fullName={u.fullName} canDelete={can.delete} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <dialog ref={dialog} aria-labelledby="bulk-confirm-title" className="m-auto rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40" onClose={() => setConfirming(null)}>
        <h2 id="bulk-confirm-title" className="text-lg font-semibold">
          {confirming ? `${VERBS[confirming]} ${selected.length} user${selected.length === 1 ? '' : 's'}?` : ''}
        </h2>
        <p className="mt-2 max-w-sm text-sm text-slate-600">
          {confirming === 'deactivate' && 'They are signed out now, and their API tokens stop working until they are active again.'}
          {confirming === 'delete' && 'They leave the list and can’t sign in; their extensions are freed. Restore them from Settings › Deleted users.'}
          {confirming === 'activate' && 'They can sign in again.'}
        </p>
        <div className="mt-6 flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className="btn-primary" onClick={confirm} disabled={pending}>
            {confirming ? VERBS[confirming] : 'Confirm'}
          </button>
        </div>
      </dialog>
    </>
  )
}

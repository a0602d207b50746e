'use client'

import { useHydrated } from '@/app/_components/use-hydrated'
import { createContext, use, useCallback, useMemo, useRef, useState, useSyncExternalStore, useTransition } from 'react'
import {
  columnVisibilityFeature,
  rowSelectionFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type RowSelectionState,
} from '@tanstack/react-table'
import type { FilterOptions } from '@/lib/users/list-filter-options'
import { bulkUsersAction } from './bulk-action'
import { bulkInviteAction } from './bulk-invite-action'
import { BulkEditForm } from './bulk-edit-form'
import { useListNavigation } from './list-navigation'
import { USER_COLUMNS } from './columns'
import type { ListRow } from './users-rows'

const features = tableFeatures({ rowSelectionFeature, columnVisibilityFeature })
type IdRow = { id: string }
// The table only needs ids: the cells are rendered on the server.
const columns: ColumnDef<typeof features, IdRow>[] = USER_COLUMNS.map((c) => ({
  id: c.id,
  header: c.label,
  accessorFn: (r: IdRow) => r.id,
  enableHiding: c.hideable,
}))

const STORAGE_KEY = 'switchboard.users.hiddenColumns'
/** Hidden columns are the admin's preference on this browser: they outlive the view and the page. */
function subscribeStorage(onChange: () => void) {
  window.addEventListener('storage', onChange)
  return () => window.removeEventListener('storage', onChange)
}
function readHidden(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? ''
  } catch {
    return '' // storage disabled: every column shows
  }
}
function writeHidden(visibility: ColumnVisibilityState) {
  const hidden = Object.entries(visibility)
    .filter(([, shown]) => !shown)
    .map(([id]) => id)
  try {
    window.localStorage.setItem(STORAGE_KEY, hidden.join(','))
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY }))
  } catch {
    // storage disabled: the choice lasts until the next render from the server
  }
}

function useTableControlsState(rowIds: string[], viewKey: string) {
  // False in the server render and the first client render, true once hydrated: no JavaScript, no dead checkboxes.
  const interactive = useHydrated()
  const hiddenRaw = useSyncExternalStore(subscribeStorage, readHidden, () => '')
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () =>
      Object.fromEntries(
        hiddenRaw
          .split(',')
          .filter((id) => USER_COLUMNS.some((c) => c.id === id && c.hideable))
          .map((id) => [id, false]),
      ),
    [hiddenRaw],
  )
  // A new view starts with nothing selected.
  const [selection, setSelection] = useState<{ view: string; rows: RowSelectionState }>({ view: viewKey, rows: {} })
  const rowSelection = selection.view === viewKey ? selection.rows : {}
  const data = useMemo(() => rowIds.map((id) => ({ id })), [rowIds])
  const table = useTable({
    features,
    columns,
    data,
    getRowId: (r) => r.id,
    state: { rowSelection, columnVisibility },
    onRowSelectionChange: (updater) =>
      setSelection({ view: viewKey, rows: typeof updater === 'function' ? updater(rowSelection) : updater }),
    onColumnVisibilityChange: (updater) => writeHidden(typeof updater === 'function' ? updater(columnVisibility) : updater),
  })
  return { interactive, table, rowSelection }
}

type Controls = ReturnType<typeof useTableControlsState> & { rows: ListRow[] }
const ControlsContext = createContext<Controls | null>(null)
function useControls(): Controls {
  const controls = use(ControlsContext)
  if (!controls) throw new Error('UsersTableControls is missing above this component')
  return controls
}

/** The page's rows (users-rows.tsx renders them). */
export function useListRows(): ListRow[] {
  return useControls().rows
}

/**
 * The selection column's header cell with "select all on this page", once
 * JavaScript runs. Without it there is no selection, so not even an empty cell.
 */
export function SelectAllCheckbox() {
  const { interactive, table } = useControls()
  if (!interactive) return null
  return (
    <th scope="col" className="sel">
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
  )
}

/** One row's selection cell and checkbox, once JavaScript runs. */
export function SelectRowCheckbox({ id, label }: { id: string; label: string }) {
  const { interactive, table } = useControls()
  if (!interactive) return null
  const row = table.getRow(id, true)
  return (
    <td className="sel">
      <input type="checkbox" aria-label={label} checked={row.getIsSelected()} onChange={(e) => row.toggleSelected(e.target.checked)} />
    </td>
  )
}

const VERBS = { activate: 'Activate', deactivate: 'Deactivate', delete: 'Delete', invite: 'Send invitations to' } as const
const DONE = { activate: 'Activated', deactivate: 'Deactivated', delete: 'Deleted' } as const
type Verb = keyof typeof VERBS
const number = new Intl.NumberFormat('en-GB')
const usersWord = (n: number) => `${number.format(n)} user${n === 1 ? '' : 's'}`

/** "Bruno Costa, Chloé Dubois and 3 others": whom a bulk action affects, by name where the page knows them. */
function namesOf(names: string[]): string {
  if (names.length <= 3) return names.join(', ').replace(/, ([^,]*)$/, ' and $1')
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} others`
}

/**
 * Row selection, bulk actions and the column chooser around the
 * server-rendered table (`tableId`). Columns are hidden with CSS by position,
 * so the server's HTML never has to be rendered again on the client. The bulk
 * bar shows once something is selected; with the whole page selected it offers
 * every user the view matches (`total`), confirmed by that count.
 */
export function UsersTableControls({
  rows,
  viewKey,
  listQuery,
  total,
  tableId,
  can,
  options,
  children,
}: {
  rows: ListRow[]
  viewKey: string
  listQuery: string
  total: number | null
  tableId: string
  can: { update: boolean; delete: boolean }
  /** The profiles and groups the bulk edit offers. */
  options: FilterOptions
  children: React.ReactNode
}) {
  const rowIds = useMemo(() => rows.map((r) => r[0]), [rows])
  const state = useTableControlsState(rowIds, viewKey)
  const controls = { ...state, rows }
  const { interactive, table, rowSelection } = state
  const selected = Object.keys(rowSelection)
  const canBulk = can.update || can.delete
  const [matching, setMatching] = useState<string | null>(null)
  const allMatching = matching === viewKey && table.getIsAllRowsSelected()
  const count = allMatching && total ? total : selected.length
  const [confirming, setConfirming] = useState<Verb | null>(null)
  /** One user's Delete from their row menu, asked in the same dialog. */
  const [single, setSingle] = useState<{ id: string; name: string } | null>(null)
  const { announce } = useListNavigation()
  const [pending, startTransition] = useTransition()
  const dialog = useRef<HTMLDialogElement>(null)
  const editDialog = useRef<HTMLDialogElement>(null)
  /** Bumped each time Edit opens: a fresh form, every field at Leave unchanged. */
  const [editing, setEditing] = useState(0)

  function ask(verb: Verb, one: { id: string; name: string } | null = null) {
    setSingle(one)
    setConfirming(verb)
    announce(null)
    dialog.current?.showModal()
  }
  function confirm() {
    if (!confirming) return
    const data = new FormData()
    data.set('action', confirming)
    if (single) data.append('ids', single.id)
    else if (allMatching && total) {
      data.set('scope', 'matching')
      data.set('query', listQuery)
      data.set('expected', String(total))
    } else for (const id of selected) data.append('ids', id)
    startTransition(async () => {
      if (confirming === 'invite') {
        const invited = await bulkInviteAction(data)
        dialog.current?.close()
        announce({ ok: invited.ok, text: invited.text })
        if (invited.ok) {
          table.resetRowSelection(true)
          setMatching(null)
        }
        setConfirming(null)
        return
      }
      const result = await bulkUsersAction(data)
      dialog.current?.close()
      announce(
        result.ok
          ? { ok: true, text: single ? 'User deleted.' : `${DONE[confirming]} ${usersWord(result.changed)}.` }
          : { ok: false, text: result.formError ?? 'Nothing was changed.' },
      )
      if (result.ok && !single) {
        table.resetRowSelection(true)
        setMatching(null)
      }
      setConfirming(null)
      setSingle(null)
    })
  }

  function edit() {
    announce(null)
    setEditing((n) => n + 1)
    // After the render that puts the fresh form in the dialog.
    requestAnimationFrame(() => editDialog.current?.showModal())
  }
  const onEdited = useCallback(
    (answer: { text: string; details: string[] }) => {
      editDialog.current?.close()
      announce({ ok: true, text: answer.text, details: answer.details })
      table.resetRowSelection(true)
      setMatching(null)
    },
    [announce, table],
  )
  const editTarget = allMatching && total ? { query: listQuery, expected: total } : { ids: selected }

  // The selection column (there once JavaScript runs) comes first when the admin may act in bulk; the columns follow in USER_COLUMNS order.
  // Before hydration (the server's render too) nothing is selectable or hidden: the browser's choice of columns is read
  // once JavaScript runs, so the server never asks the table for its columns (building them showed in its CPU profile).
  const offset = canBulk ? 1 : 0
  const css = interactive
    ? [
        canBulk ? `#${tableId} .sel{display:table-cell}#${tableId}{--sel-width:2.5rem}` : '',
        ...USER_COLUMNS.map((c, i) =>
          table.getColumn(c.id)?.getIsVisible() === false ? `#${tableId} tr>:nth-child(${i + 1 + offset}){display:none}` : '',
        ),
      ].join('')
    : ''
  const selectedNames = rows.filter((r) => rowSelection[r[0]]).map((r) => r[1])
  const whom = single ? single.name : allMatching ? `every user this view matches (${usersWord(count)})` : namesOf(selectedNames)
  const title = single ? `Delete ${single.name}?` : confirming ? `${VERBS[confirming]} ${usersWord(count)}?` : ''

  /** A row menu's Delete, once JavaScript runs: the dialog instead of the confirmation page. */
  function onTableClick(event: React.MouseEvent) {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-delete-user]')
    if (!link || !can.delete || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    // In the capture phase, before the link's own (client navigation) handler sees the click.
    event.preventDefault()
    event.stopPropagation()
    link.closest('details')?.removeAttribute('open')
    ask('delete', { id: link.dataset.deleteUser!, name: link.dataset.name ?? 'this user' })
  }

  return (
    <ControlsContext value={controls}>
      {css && <style>{css}</style>}
      {interactive && (
        <div className="mt-4 flex min-h-10 flex-wrap items-center gap-2">
          {canBulk && selected.length > 0 && (
            <div role="group" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2">
              <span className="text-sm text-slate-700" aria-live="polite">
                {allMatching ? `All ${usersWord(count)} matching selected` : `${number.format(selected.length)} selected`}
              </span>
              {can.update && (
                <>
                  <button type="button" className="btn-secondary" onClick={edit} aria-haspopup="dialog">
                    Edit
                  </button>
                  <button type="button" className="btn-secondary" onClick={() => ask('activate')}>
                    Activate
                  </button>
                  <button type="button" className="btn-danger-quiet" onClick={() => ask('deactivate')}>
                    Deactivate
                  </button>
                  <button type="button" className="btn-secondary" onClick={() => ask('invite')}>
                    Send invitations
                  </button>
                </>
              )}
              {can.delete && (
                <button type="button" className="btn-danger-quiet" onClick={() => ask('delete')}>
                  Delete
                </button>
              )}
              {table.getIsAllRowsSelected() && total !== null && total > selected.length && !allMatching && (
                <button type="button" className="text-sm text-indigo-700 underline" onClick={() => setMatching(viewKey)}>
                  Select all {number.format(total)} matching
                </button>
              )}
              {allMatching && (
                <button type="button" className="text-sm text-indigo-700 underline" onClick={() => setMatching(null)}>
                  Only this page
                </button>
              )}
            </div>
          )}
          <details data-menu className="relative ml-auto">
            <summary className="btn-secondary menu-button">Columns</summary>
            <div className="menu-panel right-0 w-48 p-2">
              {USER_COLUMNS.filter((c) => c.hideable).map((c) => (
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
      <div onClickCapture={onTableClick}>{children}</div>
      {/* The dialogs are JavaScript's: without it, the bulk bar and the row menus are links to pages. */}
      {interactive && (
        <>
          <dialog ref={dialog} aria-labelledby="bulk-confirm-title" className="confirm-dialog" onClose={() => setConfirming(null)}>
            <h2 id="bulk-confirm-title" className="text-lg font-semibold">
              {title}
            </h2>
            <p className="mt-2 text-sm text-slate-700">
              {confirming && (confirming === 'invite' ? `Sends invitations to ${whom}.` : `${VERBS[confirming]}s ${whom}.`)}
            </p>
            <p className="mt-2 text-sm text-slate-600">
              {confirming === 'deactivate' && 'They are signed out now, and their API tokens stop working until they are active again.'}
              {confirming === 'delete' &&
                'They leave the list and can’t sign in; their extensions are freed. Restore them from Settings › Deleted users.'}
              {confirming === 'activate' && 'They can sign in again.'}
              {confirming === 'invite' &&
                'Those without a password get an email with a link to choose one (it works for 72 hours, once); earlier invitation links stop working. Users who already have a password are skipped.'}
            </p>
            <div className="mt-6 flex justify-end gap-2">
              <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus>
                Cancel
              </button>
              <button
                type="button"
                className={confirming === 'activate' || confirming === 'invite' ? 'btn-primary' : 'btn-danger'}
                onClick={confirm}
                disabled={pending}
              >
                {single
                  ? 'Delete'
                  : confirming === 'invite'
                    ? 'Send invitations'
                    : confirming
                      ? `${VERBS[confirming]} ${usersWord(count)}`
                      : 'Confirm'}
              </button>
            </div>
          </dialog>
          <dialog ref={editDialog} aria-labelledby="bulk-edit-title" className="confirm-dialog max-w-2xl" onClose={() => setEditing(0)}>
            {editing > 0 && (
              <>
                <h2 id="bulk-edit-title" className="mb-4 text-lg font-semibold">
                  Edit {usersWord(count)}
                </h2>
                <BulkEditForm
                  key={editing}
                  target={editTarget}
                  count={count}
                  options={options}
                  onDone={onEdited}
                  onCancel={() => editDialog.current?.close()}
                />
              </>
            )}
          </dialog>
        </>
      )}
    </ControlsContext>
  )
}

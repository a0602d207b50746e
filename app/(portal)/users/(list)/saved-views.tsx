'use client'

import { useActionState } from 'react'
import { ConfirmAction } from '@/app/_components/confirm-action'
import { Outcome } from '@/app/_components/form-bits'
import { TextField } from '@/app/_components/text-field'
import type { SavedView } from '@/lib/users/list-saved-views'
import type { SavedViewResult } from '@/lib/users/manage-saved-views'
import { messageOf } from '@/lib/validation/result'
import { ListLink } from './list-navigation'
import { deleteViewAction, renameViewAction, saveViewAction } from './saved-view-actions'

const viewHref = (v: SavedView) => `/users?${v.query ? `${v.query}&` : ''}view=${v.id}`

/** `Save view`: a name (and, for settings managers, Share with the workspace) for the list's current filters and sort. */
function SaveViewForm({ query, canShare }: { query: string; canShare: boolean }) {
  const [result, formAction, pending] = useActionState<SavedViewResult | null, FormData>(saveViewAction, null)
  return (
    <>
      {/* A new key once saved: the disclosure closes and the next Save view starts empty. */}
      <details data-menu className="md:relative" key={result?.ok ? result.id : 'new'}>
        <summary className="btn-secondary cursor-pointer list-none py-1 text-sm">Save view</summary>
        <form action={formAction} className="menu-panel inset-x-0 space-y-3 p-3 md:inset-x-auto md:left-0 md:w-72">
          <input type="hidden" name="query" value={query} />
          {result && !result.ok && !result.fieldErrors.name && <Outcome ok={false}>{messageOf(result)}</Outcome>}
          <TextField
            id="view-name"
            name="name"
            label="View name"
            maxLength={60}
            required
            error={result && !result.ok ? result.fieldErrors.name : undefined}
          />
          {canShare && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="shared" /> Share with the workspace
            </label>
          )}
          <button type="submit" className="btn-primary" disabled={pending}>
            Save
          </button>
        </form>
      </details>
      {result?.ok && (
        <span role="status" className="text-emerald-800">
          {result.message}
        </span>
      )}
    </>
  )
}

/** One view's Rename and Delete. */
function ManageView({ view }: { view: SavedView }) {
  const [renamed, renameAction, renaming] = useActionState<SavedViewResult | null, FormData>(renameViewAction.bind(null, view.id), null)
  const [deleted, deleteAction, deleting] = useActionState<SavedViewResult | null>(deleteViewAction.bind(null, view.id), null)
  const error = renamed && !renamed.ok ? messageOf(renamed) : deleted && !deleted.ok ? messageOf(deleted) : undefined
  return (
    <li className="border-t border-slate-100 py-2 first:border-0">
      <form action={renameAction} className="flex items-end gap-2">
        <TextField
          id={`view-${view.id}`}
          name="name"
          label={`Rename “${view.name}”`}
          defaultValue={view.name}
          maxLength={60}
          className="min-w-0 flex-1"
          error={error}
        />
        <button type="submit" className="btn-secondary py-1.5" disabled={renaming}>
          Rename
        </button>
      </form>
      <div className="mt-1">
        <ConfirmAction
          action={deleteAction}
          trigger="Delete"
          triggerLabel={`Delete the view ${view.name}`}
          question={`Delete the view “${view.name}”?`}
          detail={
            view.shared ? 'It is shared: it goes for everyone in the workspace. The users stay as they are.' : 'The users stay as they are.'
          }
          confirm="Delete view"
          pending={deleting}
          small
        />
      </div>
    </li>
  )
}

/**
 * Saved views, above the table: links that open a view (its filters and
 * sort), `Save view` for the current one, and `Manage views` for those the
 * admin may rename or delete. Every part is a link or a form: no JavaScript needed.
 */
export function SavedViews({ views, currentQuery, canShare }: { views: SavedView[]; currentQuery: string; canShare: boolean }) {
  const manageable = views.filter((v) => v.mayManage)
  return (
    // relative: on a phone the menus below hang from this line, across its width, rather than past the screen's edge.
    <div className="relative mt-3 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">Saved views:</span>
      {views.length === 0 ? (
        <span className="text-slate-600">none yet</span>
      ) : (
        <ul className="contents" aria-label="Saved views">
          {views.map((v) => (
            <li key={v.id}>
              <ListLink
                href={viewHref(v)}
                className="chip aria-[current=page]:bg-indigo-700 aria-[current=page]:text-white"
                aria-current={v.query === currentQuery ? 'page' : undefined}
              >
                {v.name}
                {v.shared && <span className="muted ml-1 text-xs">(shared)</span>}
              </ListLink>
            </li>
          ))}
        </ul>
      )}
      <SaveViewForm query={currentQuery} canShare={canShare} />
      {manageable.length > 0 && (
        <details data-menu className="md:relative">
          <summary className="cursor-pointer list-none text-indigo-700 underline">Manage views</summary>
          <ul className="menu-panel inset-x-0 p-3 md:inset-x-auto md:left-0 md:w-80">
            {manageable.map((v) => (
              <ManageView key={v.id} view={v} />
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}

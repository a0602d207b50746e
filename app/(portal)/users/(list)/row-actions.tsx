'use client'

import Link from 'next/link'
import { useHydrated } from '@/app/_components/use-hydrated'

interface UserActions {
  userId: string
  fullName: string
  canUpdate: boolean
  canDelete: boolean
  /** The list view, so Delete (and the actions page) can come back to it. */
  listQuery: string
}

/** `?back=` and the list view, for a page that returns to it (none for the plain list). */
const backTo = (listQuery: string) => (listQuery ? `?back=${encodeURIComponent(listQuery)}` : '')

/**
 * What a user's `Actions` offer: only what the viewer may do. The row menu
 * shows them, and without JavaScript so does the user's actions page.
 */
export function UserActionLinks({ userId, fullName, canUpdate, canDelete, listQuery }: UserActions) {
  return (
    <>
      {canUpdate ? (
        <Link href={`/users/${userId}/edit`} prefetch={false}>
          Edit
        </Link>
      ) : (
        <Link href={`/users/${userId}`} prefetch={false}>
          View
        </Link>
      )}
      <Link href={`/users/${userId}#sessions`} prefetch={false}>
        Sessions
      </Link>
      <Link href={`/users/${userId}/login-times`} prefetch={false}>
        Login times
      </Link>
      {canDelete && (
        // A confirmation page without JavaScript; with it the list's controls open their dialog instead (table-controls.tsx).
        <Link href={`/users/${userId}/delete${backTo(listQuery)}`} prefetch={false} data-delete-user={userId} data-name={fullName}>
          Delete
        </Link>
      )}
    </>
  )
}

/**
 * A row's `Actions`. The page's HTML carries one link per row (to the user's
 * actions page, which is the menu without JavaScript): a menu of four links in
 * each of 25–200 rows was half of every row's bytes (issue 21). Once
 * JavaScript runs, each row has the menu itself, a <details> that opens in place.
 * The link is styled by its place (globals.css), not a class repeated on every row.
 */
export function RowActions(props: UserActions) {
  const interactive = useHydrated()
  const label = `Actions for ${props.fullName}`
  if (!interactive)
    return (
      <a href={`/users/${props.userId}/actions${backTo(props.listQuery)}`} aria-label={label}>
        Actions
      </a>
    )
  return (
    <details data-menu className="row-menu">
      <summary aria-label={label}>Actions</summary>
      <div>
        <UserActionLinks {...props} />
      </div>
    </details>
  )
}

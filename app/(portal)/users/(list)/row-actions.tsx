import Link from 'next/link'

/** The per-row `Actions` menu: a <details>, so it opens without JavaScript. Only what the viewer may do is offered. */
export function RowActions({
  userId,
  fullName,
  canUpdate,
  canDelete,
  listQuery,
}: {
  userId: string
  fullName: string
  canUpdate: boolean
  canDelete: boolean
  /** The list view, so Delete can come back to it. */
  listQuery: string
}) {
  return (
    <details data-menu className="row-menu">
      <summary aria-label={`Actions for ${fullName}`}>Actions</summary>
      <div>
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
          <Link
            href={`/users/${userId}/delete${listQuery ? `?back=${encodeURIComponent(listQuery)}` : ''}`}
            prefetch={false}
            data-delete-user={userId}
            data-name={fullName}
          >
            Delete
          </Link>
        )}
      </div>
    </details>
  )
}

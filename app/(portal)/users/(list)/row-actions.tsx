import Link from 'next/link'

/** The per-row `Actions` menu: a <details>, so it opens without JavaScript. */
export function RowActions({ userId, fullName, canDelete }: { userId: string; fullName: string; canDelete: boolean }) {
  const item = 'block px-4 py-2 text-sm text-slate-800 no-underline hover:bg-slate-100'
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100" aria-label={`Actions for ${fullName}`}>
        Actions
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-40 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <Link href={`/users/${userId}/edit`} className={item}>
          Edit
        </Link>
        <Link href={`/users/${userId}/login-times`} className={item}>
          Login times
        </Link>
        {canDelete && (
          <Link href={`/users/${userId}/delete`} className={item}>
            Delete
          </Link>
        )}
      </div>
    </details>
  )
}

'use client'

import { userListHref, type UserListParams } from '@/lib/users/list-params'
import { ListLink } from './list-navigation'

/** Numbered page links around the current page, plus previous/next. */
export function Pagination({ params, total }: { params: UserListParams; total: { count: number; capped: boolean } }) {
  const knownPages = Math.max(1, Math.ceil(total.count / params.size))
  // Past the counted rows there may be more pages: keep "Next" while the count is capped.
  const last = total.capped ? Math.max(knownPages, params.page + 1) : knownPages
  if (last <= 1 && params.page === 1) return null
  const pages = new Set([1, last, ...[-2, -1, 0, 1, 2].map((d) => params.page + d)].filter((p) => p >= 1 && p <= last))
  const sorted = [...pages].sort((a, b) => a - b)
  const link = 'page-link'
  return (
    <nav aria-label="Pages" className="pager">
      {params.page > 1 && (
        <ListLink href={userListHref(params, { page: params.page - 1 })} className={link} rel="prev">
          Previous
        </ListLink>
      )}
      {sorted.map((p, i) => (
        <span key={p}>
          {i > 0 && p - sorted[i - 1]! > 1 && <span aria-hidden="true">…</span>}
          {p === params.page ? (
            <span aria-current="page" className="page-current">
              {p}
            </span>
          ) : (
            <ListLink href={userListHref(params, { page: p })} className={link} aria-label={`Page ${p}`}>
              {p}
            </ListLink>
          )}
        </span>
      ))}
      {params.page < last && (
        <ListLink href={userListHref(params, { page: params.page + 1 })} className={link} rel="next">
          Next
        </ListLink>
      )}
    </nav>
  )
}

'use client'

import { usePathname, useSearchParams } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'
import { parseUserListParams, userListHref } from '@/lib/users/list-params'
import { useListNavigation } from './list-navigation'

/** Search box: part of the filter form (works without JS); with JS it searches as you type. */
export function SearchField({ defaultValue }: { defaultValue: string }) {
  const { pending, navigate } = useListNavigation()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const [value, setValue] = useState(defaultValue)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const urlTerm = searchParams.get('q') ?? ''
  const [shownFor, setShownFor] = useState(urlTerm)

  // Back/Forward or a link changed the term in the URL: show it (our own typing already does).
  if (urlTerm !== shownFor) {
    setShownFor(urlTerm)
    if (urlTerm !== value.trim()) setValue(urlTerm)
  }
  useEffect(() => () => clearTimeout(timer.current), [])

  function onChange(next: string) {
    setValue(next)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      // The same URL the server would build for this view, back on page 1.
      const href = userListHref(parseUserListParams(new URLSearchParams(searchParams)), { q: next.trim(), page: 1 }, pathname)
      // replace, not push: each keystroke is not a step in the history.
      navigate(href, { replace: true })
    }, 300)
  }

  return (
    <div className="min-w-64 flex-1">
      <label htmlFor="filter-q" className="field-label">
        Search
      </label>
      <input
        id="filter-q"
        name="q"
        type="search"
        placeholder="Search anything..."
        className="field-input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-busy={pending || undefined}
        maxLength={200}
      />
    </div>
  )
}

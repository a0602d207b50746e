'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { createContext, use, useState, useTransition } from 'react'
import { Outcome, OutcomeDetails } from '@/app/_components/form-bits'
import { parseUserListParams, userListHref } from '@/lib/users/list-params'

/** `details`: a list under the sentence (the users a bulk edit left alone, with why). */
type ListOutcome = { ok: boolean; text: string; details?: string[] } | null

interface ListNavigation {
  pending: boolean
  navigate: (href: string, how?: { replace?: boolean }) => void
  /** The answer to the last action on the list (a bulk or row action): kept here, not in the table, so it outlives the table when the action empties the view. */
  outcome: ListOutcome
  announce: (outcome: ListOutcome) => void
}

const NavigationContext = createContext<ListNavigation>({ pending: false, navigate: () => {}, outcome: null, announce: () => {} })

/**
 * Every change of view (search, filters, sort, page) goes through one
 * transition, so the list can show a skeleton while the next view streams in.
 * Without JavaScript none of this runs: the links and the GET form navigate.
 */
export function ListNavigationProvider({ children }: { children: React.ReactNode }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [outcome, announce] = useState<ListOutcome>(null)
  const navigate = (href: string, how: { replace?: boolean } = {}) =>
    startTransition(() => (how.replace ? router.replace(href, { scroll: false }) : router.push(href, { scroll: false })))
  return <NavigationContext value={{ pending, navigate, outcome, announce }}>{children}</NavigationContext>
}

export const useListNavigation = () => use(NavigationContext)

/** Where the list says how its last action went ("User deleted.", "3 users deactivated."), above the rows or the empty view. */
export function ListOutcome() {
  const { outcome } = useListNavigation()
  if (!outcome) return null
  return (
    <div className="mt-3">
      <Outcome ok={outcome.ok} className="">
        {outcome.text}
      </Outcome>
      {outcome.details?.length ? <OutcomeDetails details={outcome.details} /> : null}
    </div>
  )
}

/**
 * A plain link (works without JS and in a new tab) whose ordinary clicks
 * navigate inside the list's transition. No prefetch: every view is a fresh
 * database query, and a page of sort and page links would run a dozen of them
 * in the background for each view shown.
 */
export function ListLink({ href, ...props }: React.ComponentProps<typeof Link> & { href: string }) {
  const { navigate } = useListNavigation()
  return (
    <Link
      href={href}
      prefetch={false}
      {...props}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
        e.preventDefault()
        navigate(href)
      }}
    />
  )
}

/**
 * The filter form: a GET form without JS; with JS it navigates inside the list's
 * transition, and applies as soon as a box, radio or menu changes (the search box
 * has its own, debounced, navigation).
 */
export function ListFilterForm({ children, ...props }: Omit<React.ComponentProps<'form'>, 'onSubmit' | 'method' | 'onChange'>) {
  const { navigate } = useListNavigation()
  return (
    <form
      method="get"
      {...props}
      onChange={(e) => {
        const target = e.target as unknown as HTMLInputElement | HTMLSelectElement
        if (target.type === 'checkbox' || target.type === 'radio' || target.tagName === 'SELECT') e.currentTarget.requestSubmit()
      }}
      onSubmit={(e) => {
        e.preventDefault()
        const query = new URLSearchParams()
        for (const [name, value] of new FormData(e.currentTarget)) if (typeof value === 'string') query.append(name, value)
        // The same URL the server would build for this view (defaults left out), on page 1.
        navigate(userListHref(parseUserListParams(query), { page: 1 }, e.currentTarget.getAttribute('action') ?? undefined))
      }}
    >
      {children}
    </form>
  )
}

/** While the next view loads: the current one steps back and a skeleton says so (to screen readers too). */
export function ListRegion({ children, rows }: { children: React.ReactNode; rows: number }) {
  const { pending } = useListNavigation()
  return (
    <div aria-busy={pending || undefined} className="relative">
      <div className={pending ? 'appear-late-dim' : undefined}>{children}</div>
      {pending && (
        // Shown only if the view takes a moment: a fast one never flashes.
        <div className="appear-late pointer-events-none absolute inset-x-0 top-14 space-y-3 px-4" data-testid="list-skeleton">
          <span className="sr-only" role="status">
            Loading users…
          </span>
          {Array.from({ length: Math.min(rows, 8) }, (_, i) => (
            <div key={i} className="h-5 animate-pulse rounded bg-slate-200" />
          ))}
        </div>
      )}
    </div>
  )
}

import Link from 'next/link'
import { hasFilters, NO_FILTERS, userListHref, type UserListParams } from '@/lib/users/list-params'
import type { filterChoices } from './users-filters'

type Choices = ReturnType<typeof filterChoices>

/** Each active filter as a chip that removes it, and `Clear all filters` (sort and page size stay). */
export function FilterChips({ params, choices, action }: { params: UserListParams; choices: Choices; action: string }) {
  if (!hasFilters(params)) return null
  const nameOf = (list: { value: string; label: string }[], value: string) => list.find((c) => c.value === value)?.label ?? value
  const without = (changes: Partial<UserListParams>) => userListHref(params, { ...changes, page: 1 }, action)
  const chips = [
    ...(params.q ? [{ label: `Search: ${params.q}`, href: without({ q: '' }) }] : []),
    ...params.role.map((r) => ({ label: `Role: ${r}`, href: without({ role: params.role.filter((x) => x !== r) }) })),
    ...params.profile.map((p) => ({
      label: `Profile: ${nameOf(choices.profile, p)}`,
      href: without({ profile: params.profile.filter((x) => x !== p) }),
    })),
    ...params.group.map((g) => ({
      label: `Group: ${nameOf(choices.group, g)}`,
      href: without({ group: params.group.filter((x) => x !== g) }),
    })),
    ...params.department.map((d) => ({
      label: `Department: ${d}`,
      href: without({ department: params.department.filter((x) => x !== d) }),
    })),
    ...(params.status ? [{ label: `Status: ${nameOf(choices.status, params.status)}`, href: without({ status: null }) }] : []),
    ...(params.type ? [{ label: `Extension type: ${nameOf(choices.type, params.type)}`, href: without({ type: null }) }] : []),
    ...(params.signedIn ? [{ label: `Signed in: ${nameOf(choices.signedIn, params.signedIn)}`, href: without({ signedIn: null }) }] : []),
    ...(params.lastLogin
      ? [{ label: `Last login: ${nameOf(choices.lastLogin, params.lastLogin)}`, href: without({ lastLogin: null }) }]
      : []),
    ...(params.import ? [{ label: 'Users of an import', href: without({ import: null }) }] : []),
  ]
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">Filters:</span>
      <ul className="contents">
        {chips.map((c) => (
          <li key={c.label}>
            <Link href={c.href} prefetch={false} className="chip" aria-label={`Remove filter ${c.label}`}>
              {c.label} <span aria-hidden="true">×</span>
            </Link>
          </li>
        ))}
      </ul>
      <Link href={without(NO_FILTERS)} prefetch={false}>
        Clear all filters
      </Link>
    </div>
  )
}

import Link from 'next/link'
import { PAGE_SIZES, ROLE_VALUES, hasFilters, type UserListParams } from '@/lib/users/list-params'
import type { FilterOptions } from '@/lib/users/filter-options'
import { SearchField } from './search-field'

const selectClass = 'field-input min-w-40'

/**
 * A GET form: filtering works without JavaScript, and the URL is the state.
 * With JavaScript the search box also updates the list as you type.
 */
export function UsersFilters({ params, options }: { params: UserListParams; options: FilterOptions }) {
  // Profile choices follow the chosen roles.
  const profiles = params.role.length ? options.profiles.filter((p) => params.role.includes(p.role)) : options.profiles
  return (
    <form method="get" action="/users" role="search" aria-label="Filter users" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-end gap-4">
        <SearchField defaultValue={params.q} />
        <div>
          <label htmlFor="filter-role" className="field-label">
            Role
          </label>
          <select id="filter-role" name="role" multiple size={3} defaultValue={params.role} className={selectClass}>
            {ROLE_VALUES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-profile" className="field-label">
            Profile
          </label>
          <select id="filter-profile" name="profile" multiple size={3} defaultValue={params.profile} className={selectClass}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.role})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-group" className="field-label">
            Group
          </label>
          <select id="filter-group" name="group" multiple size={3} defaultValue={params.group} className={selectClass}>
            {options.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-status" className="field-label">
            Status
          </label>
          <select id="filter-status" name="status" defaultValue={params.status ?? ''} className={selectClass}>
            <option value="">All</option>
            <option value="active">Active</option>
            <option value="inactive">Inactive</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-type" className="field-label">
            Extension type
          </label>
          <select id="filter-type" name="type" defaultValue={params.type ?? ''} className={selectClass}>
            <option value="">All</option>
            <option value="WebRTC">WebRTC</option>
            <option value="SIP">SIP</option>
            <option value="none">No extension</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-size" className="field-label">
            Per page
          </label>
          <select id="filter-size" name="size" defaultValue={String(params.size)} className={selectClass}>
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        {params.sort.key !== 'name' || params.sort.desc ? (
          <input type="hidden" name="sort" value={`${params.sort.desc ? '-' : ''}${params.sort.key}`} />
        ) : null}
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            Apply
          </button>
          {hasFilters(params) && (
            <Link href="/users" className="btn-secondary no-underline">
              Clear filters
            </Link>
          )}
        </div>
      </div>
    </form>
  )
}

import Link from 'next/link'
import { PAGE_SIZES, ROLE_VALUES, hasFilters, type UserListParams } from '@/lib/users/list-params'
import type { FilterOptions } from '@/lib/users/list-filter-options'
import { ListFilterForm } from './list-navigation'
import { SearchField } from './search-field'

interface FilterSelectProps {
  name: string
  label: string
  options: { value: string; label: string }[]
  /** Several values: a list box (OR within the filter). */
  multiple?: boolean
  defaultValue: string | string[]
}

function FilterSelect({ name, label, options, multiple, defaultValue }: FilterSelectProps) {
  const id = `filter-${name}`
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select
        id={id}
        name={name}
        multiple={multiple}
        size={multiple ? 3 : undefined}
        defaultValue={defaultValue}
        className="field-input min-w-40"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/**
 * A GET form: filtering works without JavaScript, and the URL is the state.
 * With JavaScript the search box also updates the list as you type.
 */
export function UsersFilters({
  params,
  options,
  action = '/users',
  hidden = {},
}: {
  params: UserListParams
  options: FilterOptions
  /** Another page using the same filters (Reports › Users): a plain GET form, and these fields carried along. */
  action?: string
  hidden?: Record<string, string>
}) {
  const plain = action !== '/users'
  // Profile choices follow the chosen roles.
  const profiles = params.role.length ? options.profiles.filter((p) => params.role.includes(p.role)) : options.profiles
  const all = { value: '', label: 'All' }
  return (
    <FormShell plain={plain} action={action}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-4">
        {plain ? (
          <div className="min-w-64 flex-1">
            <label htmlFor="filter-q" className="field-label">
              Search
            </label>
            <input
              id="filter-q"
              name="q"
              type="search"
              placeholder="Search anything..."
              defaultValue={params.q}
              className="field-input"
              maxLength={200}
            />
          </div>
        ) : (
          <SearchField defaultValue={params.q} />
        )}
        <FilterSelect
          name="role"
          label="Role"
          multiple
          defaultValue={params.role}
          options={ROLE_VALUES.map((r) => ({ value: r, label: r }))}
        />
        <FilterSelect
          name="profile"
          label="Profile"
          multiple
          defaultValue={params.profile}
          options={profiles.map((p) => ({ value: p.id, label: `${p.name} (${p.role})` }))}
        />
        <FilterSelect
          name="group"
          label="Group"
          multiple
          defaultValue={params.group}
          options={options.groups.map((g) => ({ value: g.id, label: g.name }))}
        />
        <FilterSelect
          name="status"
          label="Status"
          defaultValue={params.status ?? ''}
          options={[all, { value: 'active', label: 'Active' }, { value: 'inactive', label: 'Inactive' }]}
        />
        <FilterSelect
          name="type"
          label="Extension type"
          defaultValue={params.type ?? ''}
          options={[all, { value: 'WebRTC', label: 'WebRTC' }, { value: 'SIP', label: 'SIP' }, { value: 'none', label: 'No extension' }]}
        />
        <FilterSelect
          name="size"
          label="Per page"
          defaultValue={String(params.size)}
          options={PAGE_SIZES.map((s) => ({ value: String(s), label: String(s) }))}
        />
        {params.sort.key !== 'name' || params.sort.desc ? (
          <input type="hidden" name="sort" value={`${params.sort.desc ? '-' : ''}${params.sort.key}`} />
        ) : null}
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            Apply
          </button>
          {hasFilters(params) && (
            <Link href={action} className="btn-secondary no-underline">
              Clear filters
            </Link>
          )}
        </div>
      </div>
    </FormShell>
  )
}

function FormShell({ plain, action, children }: { plain: boolean; action: string; children: React.ReactNode }) {
  const props = { action, role: 'search', 'aria-label': 'Filter users', className: 'mt-6 rounded-lg border border-slate-200 bg-white p-4' }
  return plain ? (
    <form method="get" {...props}>
      {children}
    </form>
  ) : (
    <ListFilterForm {...props}>{children}</ListFilterForm>
  )
}

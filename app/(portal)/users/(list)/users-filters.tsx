'use client'

import { LAST_LOGIN_LABELS, LAST_LOGIN_VALUES, PAGE_SIZES, ROLE_VALUES, type UserListParams } from '@/lib/users/list-params'
import type { FilterOptions } from '@/lib/users/list-filter-options'
import { FilterChips } from './filter-chips'
import { ListFilterForm } from './list-navigation'
import { FilterMenu } from './filter-menu'
import { SearchField } from './search-field'

/** The choices of each filter, shared by the toolbar and its chips. */
export function filterChoices(params: UserListParams, options: FilterOptions) {
  // Profile choices follow the chosen roles.
  const profiles = params.role.length ? options.profiles.filter((p) => params.role.includes(p.role)) : options.profiles
  return {
    role: ROLE_VALUES.map((r) => ({ value: r, label: r })),
    profile: profiles.map((p) => ({ value: p.id, label: `${p.name} (${p.role})` })),
    group: options.groups.map((g) => ({ value: g.id, label: g.name })),
    // A department in the URL but no longer anyone's still shows, ticked, so it can be unticked.
    department: [...new Set([...options.departments, ...params.department])].map((d) => ({ value: d, label: d })),
    status: [
      { value: 'active', label: 'Active' },
      { value: 'inactive', label: 'Inactive' },
    ],
    type: [
      { value: 'WebRTC', label: 'WebRTC' },
      { value: 'SIP', label: 'SIP' },
      { value: 'none', label: 'No extension' },
    ],
    lastLogin: LAST_LOGIN_VALUES.map((v) => ({ value: v, label: LAST_LOGIN_LABELS[v] })),
    signedIn: [
      { value: 'now', label: 'Signed in now' },
      { value: 'not', label: 'Not signed in' },
    ],
  }
}

/**
 * The filter toolbar: a GET form, so filtering works without JavaScript and the
 * URL is the state. With JavaScript it applies on change and the search box
 * searches as you type. Active filters show as removable chips.
 */
export function UsersFilters({
  params,
  options,
  action = '/users',
  before,
  after,
}: {
  params: UserListParams
  options: FilterOptions
  /** Another page using the same filters (Reports › Users): a plain GET form. */
  action?: string
  /** That page's own fields, first in the same form (the report's date range). */
  before?: React.ReactNode
  /** Next to Apply (the report's Export). */
  after?: React.ReactNode
}) {
  const plain = action !== '/users'
  const choices = filterChoices(params, options)
  return (
    <FormShell plain={plain} action={action}>
      <div className="flex flex-wrap items-end gap-2">
        {before}
        {plain ? (
          <div className="min-w-56 flex-1">
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
        <FilterMenu name="role" label="Role" choices={choices.role} selected={params.role} />
        <FilterMenu
          name="profile"
          label="Profile"
          choices={choices.profile}
          selected={params.profile}
          empty={params.role.length ? `No profiles for ${params.role.join(' or ')}.` : 'No profiles yet.'}
        />
        <FilterMenu name="group" label="Group" choices={choices.group} selected={params.group} empty="No groups yet." />
        <FilterMenu
          name="department"
          label="Department"
          choices={choices.department}
          selected={params.department}
          empty="No departments yet."
        />
        <FilterMenu name="status" label="Status" choices={choices.status} selected={params.status ? [params.status] : []} single />
        <FilterMenu
          name="signedIn"
          label="Signed in"
          choices={choices.signedIn}
          selected={params.signedIn ? [params.signedIn] : []}
          single
        />
        <FilterMenu name="type" label="Extension type" choices={choices.type} selected={params.type ? [params.type] : []} single />
        <FilterMenu
          name="lastLogin"
          label="Last login"
          choices={choices.lastLogin}
          selected={params.lastLogin ? [params.lastLogin] : []}
          single
        />
        <div>
          <label htmlFor="filter-size" className="sr-only">
            Per page
          </label>
          <select
            id="filter-size"
            name="size"
            defaultValue={String(params.size)}
            className="field-input mt-0 w-auto py-2"
            key={params.size}
          >
            {PAGE_SIZES.map((s) => (
              <option key={s} value={String(s)}>
                {s} per page
              </option>
            ))}
          </select>
        </div>
        {params.sort.key !== 'name' || params.sort.desc ? (
          <input type="hidden" name="sort" value={`${params.sort.desc ? '-' : ''}${params.sort.key}`} />
        ) : null}
        {params.import && <input type="hidden" name="import" value={params.import} />}
        <button type="submit" className="btn-primary">
          Apply
        </button>
        {after}
      </div>
      <FilterChips params={params} choices={choices} action={action} />
    </FormShell>
  )
}

function FormShell({ plain, action, children }: { plain: boolean; action: string; children: React.ReactNode }) {
  const props = {
    action,
    role: 'search',
    'aria-label': 'Filter users',
    className: 'relative mt-6 rounded-lg border border-slate-200 bg-white p-3',
  }
  return plain ? (
    <form method="get" {...props}>
      {children}
    </form>
  ) : (
    <ListFilterForm {...props}>{children}</ListFilterForm>
  )
}

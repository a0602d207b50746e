import { LAST_LOGIN_LABELS, LAST_LOGIN_VALUES, PAGE_SIZES, ROLE_VALUES, type UserListParams } from '@/lib/users/list-params'
import type { FilterOptions } from '@/lib/users/list-filter-options'
import { FilterChips } from './filter-chips'
import { ListFilterForm } from './list-navigation'
import { SearchField } from './search-field'

interface Choice {
  value: string
  label: string
}

/**
 * One filter of the toolbar: a button-like <details data-menu> ("Role ▾",
 * "Role: 2") holding checkboxes (several values: OR) or radios (one value).
 * It is part of the GET form, so it works without JavaScript (Apply); with it the
 * form applies on every change (ListFilterForm). A box's key holds its state, so
 * a view that changes it from elsewhere (a chip, Back) renders it afresh instead
 * of leaving the browser's old tick in place.
 */
function FilterMenu({
  name,
  label,
  choices,
  selected,
  single,
  empty,
}: {
  name: string
  label: string
  choices: Choice[]
  selected: string[]
  /** Radios with an "Any" first, instead of checkboxes. */
  single?: boolean
  /** What to say when there is nothing to choose. */
  empty?: string
}) {
  const summary =
    selected.length === 0
      ? label
      : single
        ? `${label}: ${choices.find((c) => c.value === selected[0])?.label}`
        : `${label}: ${selected.length}`
  const options = single ? [{ value: '', label: 'Any' }, ...choices] : choices
  return (
    <details data-menu className="filter-menu">
      <summary className={`btn-secondary cursor-pointer list-none ${selected.length ? 'filter-active' : ''}`}>
        {summary}
        <span aria-hidden="true" className="ml-1">
          ▾
        </span>
      </summary>
      <fieldset className="menu-panel left-0 max-h-72 w-64 overflow-y-auto px-1">
        <legend className="sr-only">{label}</legend>
        {options.length === 0 && <p className="px-3 py-2 text-sm text-slate-600">{empty}</p>}
        {options.map((c) => {
          const checked = single ? (selected[0] ?? '') === c.value : selected.includes(c.value)
          return (
            <label
              key={`${c.value}:${checked}`}
              className="flex cursor-pointer items-center gap-2 rounded px-3 py-1.5 text-sm hover:bg-slate-100"
            >
              <input type={single ? 'radio' : 'checkbox'} name={name} value={c.value} defaultChecked={checked} />
              {c.label}
            </label>
          )
        })}
      </fieldset>
    </details>
  )
}

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
  const props = { action, role: 'search', 'aria-label': 'Filter users', className: 'mt-6 rounded-lg border border-slate-200 bg-white p-3' }
  return plain ? (
    <form method="get" {...props}>
      {children}
    </form>
  ) : (
    <ListFilterForm {...props}>{children}</ListFilterForm>
  )
}

'use client'

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
 *
 * A client component for its weight: the page sends the choices as data
 * instead of the tree of every label and box (HTML once, not again in the RSC payload).
 */
export function FilterMenu({
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
      {/* Its button look and caret are the CSS's (.filter-menu > summary), by place rather than classes on each. */}
      <summary className={selected.length ? 'filter-active' : undefined}>{summary}</summary>
      <fieldset className="menu-panel filter-panel">
        <legend>{label}</legend>
        {options.length === 0 && <p className="px-3 py-2 text-sm text-slate-600">{empty}</p>}
        {options.map((c) => {
          const checked = single ? (selected[0] ?? '') === c.value : selected.includes(c.value)
          return (
            <label key={`${c.value}:${checked}`}>
              <input type={single ? 'radio' : 'checkbox'} name={name} value={c.value} defaultChecked={checked} />
              {c.label}
            </label>
          )
        })}
      </fieldset>
    </details>
  )
}

'use client'

import Link from 'next/link'
import { useActionState, useEffect, useState } from 'react'
import { Outcome, OutcomeDetails } from '@/app/_components/form-bits'
import { useHydrated } from '@/app/_components/use-hydrated'
import type { FilterOptions } from '@/lib/users/list-filter-options'
import { KEEP, TEXT_FIELDS, type BulkEditField } from '@/lib/users/bulk-edit-input'
import { ROLE_VALUES } from '@/lib/users/list-params'
import { bulkEditUsersAction, type BulkEditAnswer } from './bulk-edit-action'

const number = new Intl.NumberFormat('en-GB')
const usersWord = (n: number) => `${number.format(n)} user${n === 1 ? '' : 's'}`

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
]

type Target = { ids: string[] } | { query: string; expected: number }

function Problem({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  ) : null
}
const invalidProps = (id: string, error?: string) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : ({} as Record<string, never>)

/** One "Leave unchanged" select. */
function Choice({
  name,
  label,
  choices,
  error,
  value,
  onChange,
}: {
  name: BulkEditField
  label: string
  choices: { value: string; label: string }[]
  error?: string
  value?: string
  onChange?: (value: string) => void
}) {
  const id = `bulk-${name}`
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select
        id={id}
        name={name}
        className="field-input"
        {...(value !== undefined ? { value, onChange: (e) => onChange?.(e.target.value) } : { defaultValue: '' })}
        {...invalidProps(id, error)}
      >
        <option value="">Leave unchanged</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <Problem id={id} error={error} />
    </div>
  )
}

/** Add to groups / Remove from groups: ticked boxes, none ticked leaves memberships as they are. */
function GroupBoxes({
  name,
  label,
  groups,
  error,
}: {
  name: BulkEditField
  label: string
  groups: FilterOptions['groups']
  error?: string
}) {
  const id = `bulk-${name}`
  return (
    <fieldset className="min-w-0" {...(error ? { 'aria-describedby': `${id}-error` } : {})}>
      <legend className="field-label">{label}</legend>
      <p className="text-xs text-slate-600">None ticked: leave unchanged.</p>
      {groups.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No groups yet.</p>
      ) : (
        <div className="mt-1 max-h-36 overflow-y-auto rounded-md border border-slate-200 p-2">
          {groups.map((g) => (
            <label key={g.id} className="flex items-center gap-2 py-0.5 text-sm">
              <input type="checkbox" name={name} value={g.id} {...(error ? { 'aria-invalid': true } : {})} />
              {g.name}
            </label>
          ))}
        </div>
      )}
      <Problem id={id} error={error} />
    </fieldset>
  )
}

/** Department / Job title: Leave unchanged, Change to (a box for the new value), or Clear. */
function TextChange({ name, label, error }: { name: 'department' | 'jobTitle'; label: string; error?: string }) {
  const interactive = useHydrated()
  const [mode, setMode] = useState(KEEP)
  const id = `bulk-${name}`
  return (
    <div>
      <label htmlFor={`${id}-change`} className="field-label">
        {label}
      </label>
      <select
        id={`${id}-change`}
        name={`${name}Change`}
        className="field-input"
        value={mode}
        onChange={(e) => setMode(e.target.value)}
        {...invalidProps(id, error)}
      >
        <option value={KEEP}>Leave unchanged</option>
        <option value="set">Change to…</option>
        <option value="clear">Clear</option>
      </select>
      {/* Without JavaScript the box is always there (typing while Leave unchanged is refused, not guessed). */}
      {(!interactive || mode === 'set') && (
        <input
          id={id}
          name={name}
          aria-label={`New ${label.toLowerCase()}`}
          placeholder={`New ${label.toLowerCase()}`}
          maxLength={200}
          className="field-input mt-1"
          onInput={() => setMode('set')}
          {...invalidProps(id, error)}
        />
      )}
      <Problem id={id} error={error} />
    </div>
  )
}

/**
 * The bulk edit's fields, every one at "Leave unchanged", and `Update N users`.
 * A plain form posting to the server action (works without JavaScript: the
 * /users/bulk-edit page); in the list's dialog `onDone` takes the answer.
 */
export function BulkEditForm({
  target,
  count,
  options,
  onDone,
  onCancel,
  cancelHref,
}: {
  target: Target
  count: number
  options: FilterOptions
  onDone?: (answer: { text: string; details: string[] }) => void
  onCancel?: () => void
  cancelHref?: string
}) {
  const [answer, formAction, pending] = useActionState<BulkEditAnswer | null, FormData>(bulkEditUsersAction, null)
  const [role, setRole] = useState('')
  const [profile, setProfile] = useState(KEEP)
  useEffect(() => {
    if (answer?.ok && onDone) onDone(answer)
  }, [answer, onDone])
  const errors = answer && !answer.ok ? answer.fieldErrors : {}
  const profiles = role ? options.profiles.filter((p) => p.role === role) : options.profiles
  const profileId = 'bulk-profileId'

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {'ids' in target ? (
        target.ids.map((id) => <input key={id} type="hidden" name="ids" value={id} />)
      ) : (
        <>
          <input type="hidden" name="scope" value="matching" />
          <input type="hidden" name="query" value={target.query} />
          <input type="hidden" name="expected" value={String(target.expected)} />
        </>
      )}
      {answer?.ok && !onDone && (
        <div>
          <Outcome ok className="">
            {answer.text}
          </Outcome>
          {answer.details.length > 0 && <OutcomeDetails details={answer.details} />}
        </div>
      )}
      {answer && !answer.ok && (
        <Outcome ok={false} className="">
          {answer.formError ?? 'Nothing was changed: check the fields below.'}
        </Outcome>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Choice
          name="role"
          label="Role"
          choices={ROLE_VALUES.map((r) => ({ value: r, label: r }))}
          error={errors.role}
          value={role}
          onChange={(value) => {
            setRole(value)
            // A new role needs a profile of its own: No profile until one is chosen.
            if (value && (profile === KEEP || !options.profiles.some((p) => p.id === profile && p.role === value))) setProfile('')
          }}
        />
        <div>
          <label htmlFor={profileId} className="field-label">
            Profile
          </label>
          <select
            id={profileId}
            name="profileId"
            className="field-input"
            value={profile}
            onChange={(e) => setProfile(e.target.value)}
            {...invalidProps(profileId, errors.profileId)}
          >
            {!role && <option value={KEEP}>Leave unchanged</option>}
            <option value="">No profile</option>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.role})
              </option>
            ))}
          </select>
          <Problem id={profileId} error={errors.profileId} />
        </div>
        <GroupBoxes name="addGroupIds" label="Add to groups" groups={options.groups} error={errors.addGroupIds} />
        <GroupBoxes name="removeGroupIds" label="Remove from groups" groups={options.groups} error={errors.removeGroupIds} />
        <Choice
          name="status"
          label="Status"
          choices={[
            { value: 'active', label: 'Active' },
            { value: 'inactive', label: 'Inactive' },
          ]}
          error={errors.status}
        />
        <Choice name="forceLogin" label="Force login" choices={YES_NO} error={errors.forceLogin} />
        <Choice name="hideFromDirectory" label="Hide from directory" choices={YES_NO} error={errors.hideFromDirectory} />
        {TEXT_FIELDS.map((f) => (
          <TextChange key={f.name} name={f.name} label={f.label} error={errors[f.name]} />
        ))}
      </div>
      <p className="text-sm text-slate-600">
        Each user keeps everything you leave unchanged. Users a rule doesn’t allow (yourself, someone with more permissions than you, the
        last admin) are left alone and listed.
      </p>
      <div className="flex justify-end gap-2">
        {onCancel && (
          <button type="button" className="btn-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        {cancelHref && (
          <Link href={cancelHref} className="btn-secondary no-underline">
            Back to the list
          </Link>
        )}
        <button type="submit" className="btn-primary" disabled={pending}>
          Update {usersWord(count)}
        </button>
      </div>
    </form>
  )
}

'use client'

import { ErrorSummary } from '@/app/_components/error-summary'
import { useHydrated } from '@/app/_components/use-hydrated'
import { useActionState, useState } from 'react'
import { ConfirmAction } from '@/app/_components/confirm-action'
import { Outcome, SubmitOrCancel } from '@/app/_components/form-bits'
import { TextField } from '@/app/_components/text-field'
import { PERMISSION_LABELS, PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Permission } from '@/lib/auth/permissions'
import { PROFILE_SCOPES } from '@/db/enums'
import { SCOPE_LABELS } from '@/lib/profiles/profile-input'
import { messageOf, type Result } from '@/lib/validation/result'
import type { ProfileFormState } from './profile-actions'

/** Name, role and the permissions it keeps (a subset of the role's). */
export function ProfileForm({
  action,
  initial,
  roleFixed,
  grantable,
}: {
  action: (s: ProfileFormState, f: FormData) => Promise<ProfileFormState>
  initial: ProfileFormState
  roleFixed: boolean
  /** The editor's own permissions: a profile can give only those (the server checks again). */
  grantable: readonly Permission[]
}) {
  const [state, formAction, pending] = useActionState(action, initial)
  const hydrated = useHydrated()
  const [role, setRole] = useState(state.values.role)
  const errors = state.fieldErrors
  const formError = state.formError
  // With JavaScript only the role's permissions are offered; without it all are, and the server refuses the others.
  const offered: readonly Permission[] = (hydrated ? (ROLE_PERMISSIONS[role as keyof typeof ROLE_PERMISSIONS] ?? []) : PERMISSIONS).filter(
    (p) => grantable.includes(p),
  )
  return (
    <form key={state.submission} action={formAction} className="mt-6 max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-6">
      {formError && (
        <ErrorSummary id="profile-form-error" submission={state.submission}>
          {formError}
        </ErrorSummary>
      )}
      <TextField id="name" label="Name" defaultValue={state.values.name} error={errors.name} required maxLength={100} />
      <TextField id="description" label="Description" defaultValue={state.values.description} error={errors.description} maxLength={500} />
      <div>
        <label htmlFor="role" className="field-label">
          Role
        </label>
        {roleFixed ? (
          <>
            <input type="hidden" name="role" value={state.values.role} />
            <p id="role" className="mt-1 text-sm">
              {state.values.role} <span className="text-slate-500">(fixed: users hold a profile of their own role)</span>
            </p>
          </>
        ) : (
          <select
            id="role"
            name="role"
            className="field-input"
            defaultValue={state.values.role}
            onChange={(e) => setRole(e.target.value)}
            aria-invalid={errors.role ? true : undefined}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        )}
        {errors.role && <p className="mt-1 text-sm text-red-700">{errors.role}</p>}
      </div>
      <fieldset aria-describedby={errors.permissions ? 'permissions-error' : undefined}>
        <legend className="field-label">Permissions</legend>
        {offered.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">This role has no permissions beyond self-service to narrow.</p>
        ) : (
          <div className="mt-2 grid gap-1 sm:grid-cols-2">
            {offered.map((p) => (
              <label key={p} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="permissions" value={p} defaultChecked={state.values.permissions.includes(p)} />
                {PERMISSION_LABELS[p]} <code className="text-xs text-slate-500">{p}</code>
              </label>
            ))}
          </div>
        )}
        {errors.permissions && (
          <p id="permissions-error" className="mt-1 text-sm text-red-700">
            {errors.permissions}
          </p>
        )}
      </fieldset>
      <fieldset aria-describedby={errors.scope ? 'scope-error' : 'scope-hint'}>
        <legend className="field-label">Scope</legend>
        <p id="scope-hint" className="mt-1 text-sm text-slate-600">
          Who its users see and act on. Group managers are set on each group’s page.
        </p>
        <div className="mt-2 space-y-1">
          {PROFILE_SCOPES.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm">
              <input type="radio" name="scope" value={s} defaultChecked={(state.values.scope || 'workspace') === s} />
              {SCOPE_LABELS[s]}
            </label>
          ))}
        </div>
        {errors.scope && (
          <p id="scope-error" className="mt-1 text-sm text-red-700">
            {errors.scope}
          </p>
        )}
      </fieldset>
      <SubmitOrCancel label="Save" pending={pending} cancelHref="/settings/profiles" />
    </form>
  )
}

/** Delete, with a confirmation box when users hold the profile. */
export function DeleteProfileForm({
  action,
  name,
  holders,
}: {
  action: (p: unknown, f: FormData) => Promise<Result<{ message: string }>>
  name: string
  holders: number
}) {
  const [result, formAction, pending] = useActionState(action, null)
  return (
    <div className="mt-4 space-y-3 text-sm">
      {result && !result.ok && <Outcome ok={false}>{messageOf(result)}</Outcome>}
      <ConfirmAction
        action={formAction}
        trigger="Delete profile"
        question={`Delete the profile “${name}”?`}
        detail={holders > 0 ? `${holders} user${holders === 1 ? ' holds' : 's hold'} it.` : 'Nobody holds it.'}
        confirm="Delete profile"
        pending={pending}
      >
        {holders > 0 && (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="reassign" />
            Also remove it from its {holders} user{holders === 1 ? '' : 's'} (they keep their role)
          </label>
        )}
      </ConfirmAction>
    </div>
  )
}

'use client'

import { ErrorSummary } from '@/app/_components/error-summary'
import { useHydrated } from '@/app/_components/use-hydrated'
import { EXTENSION_TYPE_CHOICES } from '@/db/enums'
import Link from 'next/link'
import { SubmitOrCancel } from '@/app/_components/form-bits'
import { useActionState, useState } from 'react'
import { TextField } from '@/app/_components/text-field'
import type { UserFormOptions } from '@/lib/users/form-options'
import type { UserFormFields, UserFormState } from './form-state'

type Field = keyof UserFormFields | 'password'
/** Label, control and its error, tied together for screen readers. */
function Field({
  id,
  label,
  error,
  children,
  hint,
}: {
  id: string
  label: string
  error?: string
  hint?: string
  children: (a11y: object) => React.ReactNode
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({ id, name: id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  )
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  ) : null
}

const LABELS: Record<Field, string> = {
  fullName: 'Full name',
  email: 'Email',
  username: 'Username',
  notes: 'Notes',
  jobTitle: 'Job title',
  department: 'Department',
  mobile: 'Mobile',
  hideFromDirectory: 'Hide from directory',
  extensionId: 'Extension',
  extensionType: 'Extension type',
  forceLogin: 'Force login',
  role: 'Role',
  profileId: 'Profile',
  groupIds: 'Groups',
  status: 'Status',
  password: 'Password',
}

/**
 * The create and edit form. A plain form posting to a server action: it works
 * without JavaScript, and everything typed comes back after a refused save
 * (except the password). With JavaScript the Profile list follows the Role.
 */
export function UserForm({
  mode,
  action,
  initial,
  options,
  canSetPassword,
  canInvite = mode === 'create',
  ownAccount = false,
}: {
  mode: 'create' | 'edit'
  action: (state: UserFormState, form: FormData) => Promise<UserFormState>
  initial: UserFormState
  options: UserFormOptions
  canSetPassword: boolean
  /** Offer `Send an invitation email` (create, and edit of a user who has no password yet). */
  canInvite?: boolean
  /** The editor's own user: role, profile and status are shown, not offered (nobody changes their own). */
  ownAccount?: boolean
}) {
  const [state, formAction, pending] = useActionState(action, initial)
  return (
    <UserFormFieldsView
      key={state.submission}
      state={state}
      formAction={formAction}
      pending={pending}
      mode={mode}
      options={options}
      canSetPassword={canSetPassword}
      canInvite={canInvite}
      ownAccount={ownAccount}
    />
  )
}

/** A value the editor can't change here, sent along unchanged. */
function FixedValue({ id, label, value, shown }: { id: string; label: string; value: string; shown: string }) {
  return (
    <div>
      <p className="field-label" id={`${id}-label`}>
        {label}
      </p>
      <input type="hidden" name={id} value={value} />
      <p className="mt-1 text-sm" aria-labelledby={`${id}-label`}>
        {shown} <span className="text-slate-500">(another admin can change your own {label.toLowerCase()})</span>
      </p>
    </div>
  )
}

function UserFormFieldsView({
  state,
  formAction,
  pending,
  mode,
  options,
  canSetPassword,
  canInvite,
  ownAccount,
}: {
  state: UserFormState
  formAction: (form: FormData) => void
  pending: boolean
  mode: 'create' | 'edit'
  options: UserFormOptions
  canSetPassword: boolean
  canInvite: boolean
  ownAccount: boolean
}) {
  const v = state.values
  const e = state.fieldErrors
  const hydrated = useHydrated()
  const [role, setRole] = useState(v.role)
  // Without JavaScript every profile is listed under its role (the server checks the pair); with it, only the chosen role's.
  const profiles = hydrated ? options.profiles.filter((p) => p.role === role) : options.profiles
  // "No profile" gives the role's whole set: offered (with JavaScript) only where that is the editor's to give.
  const noProfileOffered = !hydrated || options.roles.some((r) => r.role === role && r.withoutProfile)
  const errorFields = (Object.keys(e) as Field[]).filter((k) => e[k])
  const [invite, setInvite] = useState(state.invite ?? false)
  // With JavaScript a ticked invitation hides the password; without, the server says if both (or neither) were given.
  const passwordShown = !(hydrated && invite)

  const password = (
    <TextField
      id="password"
      label="Password"
      type="password"
      autoComplete="new-password"
      required={mode === 'create' && !canInvite}
      minLength={12}
      maxLength={128}
      error={e.password}
      aria-describedby={e.password ? 'password-error' : 'password-hint'}
    />
  )

  return (
    <form
      action={formAction}
      noValidate
      className="mt-6 max-w-3xl space-y-8"
      aria-describedby={state.formError ? 'user-form-error' : undefined}
    >
      {state.formError && (
        <ErrorSummary id="user-form-error" submission={state.submission}>
          <p className="font-medium">{state.formError}</p>
          {errorFields.length > 0 && (
            <ul className="mt-2 list-disc pl-5">
              {errorFields.map((f) => (
                <li key={f}>
                  <a href={`#${f}`} className="text-red-800">
                    {LABELS[f]}
                  </a>
                  : {e[f]}
                </li>
              ))}
            </ul>
          )}
        </ErrorSummary>
      )}
      {state.version !== undefined && <input type="hidden" name="version" value={state.version} />}

      <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-2">
        <TextField id="fullName" label="Full name" defaultValue={v.fullName} error={e.fullName} required autoComplete="off" />
        <TextField id="email" label="Email" type="email" defaultValue={v.email} error={e.email} required autoComplete="off" />
        <TextField
          id="username"
          label="Username"
          defaultValue={v.username}
          error={e.username}
          required
          autoCapitalize="none"
          spellCheck={false}
          autoComplete="off"
        />
        {canInvite && (
          <div className="sm:col-span-2">
            <label className="flex items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                name="sendInvitation"
                defaultChecked={invite}
                onChange={(ev) => setInvite(ev.target.checked)}
                aria-describedby="send-invitation-hint"
              />
              Send an invitation email
            </label>
            <p id="send-invitation-hint" className="mt-1 text-xs text-slate-500">
              They choose their own password from a link in the email (it works for 72 hours, once). Leave the password empty.
            </p>
          </div>
        )}
        {mode === 'create' ? (
          passwordShown && (
            <div>
              {password}
              <p id="password-hint" className="mt-1 text-xs text-slate-500">
                12 to 128 characters, not the username or email, not a common password.
              </p>
            </div>
          )
        ) : canSetPassword && passwordShown ? (
          <details className="self-end" open={!!e.password}>
            <summary className="cursor-pointer text-sm font-medium text-indigo-700">Change password...</summary>
            <div className="mt-2">
              {password}
              <p id="password-hint" className="mt-1 text-xs text-slate-500">
                Leave empty to keep the current password. A new one signs the user out everywhere.
              </p>
            </div>
          </details>
        ) : null}
        <div className="sm:col-span-2">
          <Field id="notes" label="Notes" error={e.notes}>
            {(a11y) => <textarea {...a11y} rows={3} maxLength={5000} defaultValue={v.notes} className="field-input" />}
          </Field>
        </div>
      </section>

      <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-3" aria-labelledby="additional-heading">
        <h2 id="additional-heading" className="text-base font-semibold sm:col-span-3">
          Additional information
        </h2>
        <TextField id="jobTitle" label="Job title" defaultValue={v.jobTitle} error={e.jobTitle} maxLength={200} />
        <TextField id="department" label="Department" defaultValue={v.department} error={e.department} maxLength={200} />
        <TextField
          id="mobile"
          label="Mobile"
          type="tel"
          defaultValue={v.mobile}
          error={e.mobile}
          placeholder="+44 7911 123456"
          autoComplete="off"
        />
        <label className="flex items-center gap-2 text-sm sm:col-span-3">
          <input type="checkbox" name="hideFromDirectory" defaultChecked={v.hideFromDirectory} />
          Hide from directory
        </label>
      </section>

      <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-3" aria-labelledby="telephony-heading">
        <h2 id="telephony-heading" className="text-base font-semibold sm:col-span-3">
          Telephony
        </h2>
        {options.extensions.length === 0 ? (
          <div className="sm:col-span-3">
            <p className="text-sm text-slate-700">
              There is no free extension in this workspace. <Link href="/settings/extensions">Create an extension</Link> first, or save the
              user without one.
            </p>
            <input type="hidden" name="extensionId" value="" />
            <ErrorText id="extensionId" error={e.extensionId} />
          </div>
        ) : (
          <Field
            id="extensionId"
            label="Extension"
            error={e.extensionId}
            hint={options.moreExtensions ? `The first ${options.extensions.length} free extensions are listed.` : undefined}
          >
            {(a11y) => (
              <select {...a11y} defaultValue={v.extensionId} className="field-input">
                <option value="">No extension</option>
                {options.extensions.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.number}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <fieldset aria-describedby={e.extensionType ? 'extensionType-error' : undefined}>
          <legend className="field-label">Extension type</legend>
          <div className="mt-2 flex gap-4 text-sm">
            {EXTENSION_TYPE_CHOICES.map((t) => (
              <label key={t} className="flex items-center gap-2">
                <input type="radio" name="extensionType" value={t} defaultChecked={v.extensionType === t} />
                {t}
              </label>
            ))}
          </div>
          <ErrorText id="extensionType" error={e.extensionType} />
        </fieldset>
        <div>
          <label className="mt-6 flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="forceLogin"
              id="forceLogin"
              defaultChecked={v.forceLogin}
              aria-invalid={e.forceLogin ? true : undefined}
              aria-describedby={e.forceLogin ? 'forceLogin-error' : 'forceLogin-hint'}
            />
            Force login
          </label>
          <p id="forceLogin-hint" className="mt-1 text-xs text-slate-500">
            Calls only while signed in to the dashboard.
          </p>
          <ErrorText id="forceLogin" error={e.forceLogin} />
        </div>
      </section>

      <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-3" aria-labelledby="access-heading">
        <h2 id="access-heading" className="text-base font-semibold sm:col-span-3">
          Access
        </h2>
        {ownAccount ? (
          <>
            <FixedValue id="role" label="Role" value={v.role} shown={v.role} />
            <FixedValue
              id="profileId"
              label="Profile"
              value={v.profileId}
              shown={options.profiles.find((p) => p.id === v.profileId)?.name ?? 'No profile'}
            />
            <FixedValue id="status" label="Status" value={v.status} shown={v.status === 'active' ? 'Active' : 'Inactive'} />
          </>
        ) : (
          <>
            <Field id="role" label="Role" error={e.role}>
              {(a11y) => (
                <select {...a11y} defaultValue={v.role} onChange={(ev) => setRole(ev.target.value)} className="field-input">
                  {options.roles.map((r) => (
                    <option key={r.role} value={r.role}>
                      {r.role}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id="profileId"
              label="Profile"
              error={e.profileId}
              hint={options.profiles.length === 0 ? 'Profiles are created in Settings › Profiles.' : undefined}
            >
              {(a11y) => (
                <select
                  {...a11y}
                  key={hydrated ? role : 'all'}
                  defaultValue={profiles.some((p) => p.id === v.profileId) ? v.profileId : ''}
                  className="field-input"
                >
                  {noProfileOffered && <option value="">No profile</option>}
                  {hydrated
                    ? profiles.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))
                    : options.roles.map(({ role: r }) => (
                        <optgroup key={r} label={r}>
                          {profiles
                            .filter((p) => p.role === r)
                            .map((p) => (
                              <option key={p.id} value={p.id}>
                                {p.name}
                              </option>
                            ))}
                        </optgroup>
                      ))}
                </select>
              )}
            </Field>
            <Field id="status" label="Status" error={e.status}>
              {(a11y) => (
                <select {...a11y} defaultValue={v.status} className="field-input">
                  <option value="active">Active</option>
                  <option value="inactive">Inactive</option>
                </select>
              )}
            </Field>
          </>
        )}
        <fieldset
          className="sm:col-span-3"
          aria-describedby={
            [options.groupsRequired ? 'groupIds-hint' : '', e.groupIds ? 'groupIds-error' : ''].filter(Boolean).join(' ') || undefined
          }
        >
          <legend className="field-label">Groups{options.groupsRequired && ' (required)'}</legend>
          {options.groupsRequired && (
            <p id="groupIds-hint" className="mt-1 text-sm text-slate-600">
              The groups you manage: you see the people in at least one of them.
            </p>
          )}
          {options.groups.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">
              {options.groupsRequired
                ? 'You manage no groups yet: an admin makes you a group’s manager on its page in Settings › Groups.'
                : 'No groups yet: they are created in Settings › Groups.'}
            </p>
          ) : (
            <div className="mt-2 grid gap-1 sm:grid-cols-3">
              {options.groups.map((g) => (
                <label key={g.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="groupIds" value={g.id} defaultChecked={v.groupIds.includes(g.id)} />
                  {g.name}
                </label>
              ))}
            </div>
          )}
          <ErrorText id="groupIds" error={e.groupIds} />
        </fieldset>
      </section>

      <SubmitOrCancel label="Save" pending={pending} cancelHref="/users" />
    </form>
  )
}

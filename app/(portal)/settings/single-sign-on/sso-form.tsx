'use client'

import { useActionState } from 'react'
import { ErrorSummary } from '@/app/_components/error-summary'
import { TextField } from '@/app/_components/text-field'
import type { SsoFormState } from './sso-form-state'

export interface BreakGlassCandidate {
  id: string
  fullName: string
  username: string
}

/**
 * The identity provider (issuer, client, secret, name), what a first sign-in
 * does, whether single sign-on is required, and the break-glass admins. A
 * plain form: it works without JavaScript, and keeps what was typed (never the
 * secret) when refused.
 */
export function SsoForm({
  action,
  initial,
  admins,
  secretSaved,
}: {
  action: (s: SsoFormState, f: FormData) => Promise<SsoFormState>
  initial: SsoFormState
  admins: BreakGlassCandidate[]
  secretSaved: boolean
}) {
  const [state, formAction, pending] = useActionState(action, initial)
  const errors = state.fieldErrors
  const v = state.values
  return (
    <form key={state.submission} action={formAction} className="mt-6 max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-6">
      {state.formError && (
        <ErrorSummary id="sso-form-error" submission={state.submission}>
          {state.formError}
        </ErrorSummary>
      )}
      <TextField
        id="issuerUrl"
        label="Issuer URL"
        type="url"
        defaultValue={v.issuerUrl}
        error={errors.issuerUrl}
        required
        placeholder="https://login.example.com/oauth2/default"
        hint={
          <>
            The provider’s issuer: its settings are read from <code>/.well-known/openid-configuration</code> under it.
          </>
        }
      />
      <TextField id="clientId" label="Client ID" defaultValue={v.clientId} error={errors.clientId} required autoComplete="off" />
      <TextField
        id="clientSecret"
        label="Client secret"
        type="password"
        autoComplete="new-password"
        error={errors.clientSecret}
        required={!secretSaved}
        placeholder={secretSaved ? 'Saved: leave empty to keep it' : undefined}
      />
      <TextField
        id="displayName"
        label="Display name"
        defaultValue={v.displayName}
        error={errors.displayName}
        required
        maxLength={60}
        placeholder="Okta"
        hint="The sign-in page’s button says “Sign in with” and this name."
      />
      <label className="flex gap-2 text-sm">
        <input type="checkbox" name="createUsers" defaultChecked={v.createUsers} className="mt-1" aria-describedby="createUsers-hint" />
        <span>
          <span className="font-medium">Create users on first sign-in</span>
          <span id="createUsers-hint" className="block text-slate-600">
            Someone the provider vouches for (a verified email) who isn’t a user yet becomes an Agent. Off: they are refused.
          </span>
        </span>
      </label>
      <label className="flex gap-2 text-sm">
        <input
          type="checkbox"
          name="requireSso"
          defaultChecked={v.requireSso}
          className="mt-1"
          aria-invalid={errors.requireSso ? true : undefined}
          aria-describedby={errors.requireSso ? 'requireSso-error' : 'requireSso-hint'}
        />
        <span>
          <span className="font-medium">Require single sign-on</span>
          <span id="requireSso-hint" className="block text-slate-600">
            Passwords stop working for everyone but the break-glass admins below.
          </span>
          {errors.requireSso && (
            <span id="requireSso-error" role="alert" className="mt-1 block text-red-700">
              {errors.requireSso}
            </span>
          )}
        </span>
      </label>
      <fieldset aria-describedby={errors.breakGlass ? 'breakGlass-error' : 'breakGlass-hint'}>
        <legend className="field-label">Break-glass admins</legend>
        <p id="breakGlass-hint" className="text-sm text-slate-600">
          They may still sign in with a password when single sign-on is required: the way in when the identity provider is down. Keep at
          least one.
        </p>
        {errors.breakGlass && (
          <p id="breakGlass-error" role="alert" className="mt-1 text-sm text-red-700">
            {errors.breakGlass}
          </p>
        )}
        <ul className="mt-2 space-y-1">
          {admins.map((a) => (
            <li key={a.id}>
              <label className="flex items-center gap-2 text-sm wrap-anywhere">
                <input type="checkbox" name="breakGlass" value={a.id} defaultChecked={v.breakGlass.includes(a.id)} />
                {a.fullName} <span className="text-slate-500">({a.username})</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="submit" className="btn-primary" disabled={pending}>
        Save
      </button>
    </form>
  )
}

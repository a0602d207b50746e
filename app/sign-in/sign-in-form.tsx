'use client'

import { useActionState } from 'react'
import { signIn } from './actions'
import { initialSignInState } from './sign-in-state'

export function SignInForm() {
  const [state, formAction, pending] = useActionState(signIn, initialSignInState)
  return (
    <form action={formAction} className="space-y-5" aria-describedby={state.message ? 'sign-in-error' : undefined}>
      {state.message && (
        <p id="sign-in-error" role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      )}
      <div>
        <label htmlFor="workspace" className="field-label">
          Workspace
        </label>
        <input
          id="workspace"
          name="workspace"
          className="field-input"
          autoComplete="organization"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={state.values.workspace}
          key={`w-${state.values.workspace}`}
        />
      </div>
      <div>
        <label htmlFor="identifier" className="field-label">
          Username or email
        </label>
        <input
          id="identifier"
          name="identifier"
          className="field-input"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={state.values.identifier}
          key={`i-${state.values.identifier}`}
        />
      </div>
      <div>
        <label htmlFor="password" className="field-label">
          Password
        </label>
        <input id="password" name="password" type="password" className="field-input" autoComplete="current-password" required />
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        Sign in
      </button>
    </form>
  )
}

'use client'

import { useActionState } from 'react'
import { FormAlert } from '@/app/_components/auth-card'
import { TextField } from '@/app/_components/text-field'
import { signIn } from './actions'
import { initialSignInState } from './sign-in-state'

/** `workspace`: known from the address (`/sign-in/<workspace>`), filled in. */
export function SignInForm({ next, workspace = '' }: { next: string | null; workspace?: string }) {
  const [state, formAction, pending] = useActionState(signIn, initialSignInState)
  return (
    <form action={formAction} className="space-y-5" aria-describedby={state.message ? 'sign-in-error' : undefined}>
      {next && <input type="hidden" name="next" value={next} />}
      <FormAlert id="sign-in-error" message={state.message} />
      <TextField
        id="workspace"
        label="Workspace"
        autoComplete="organization"
        autoCapitalize="none"
        spellCheck={false}
        required
        defaultValue={state.values.workspace || workspace}
        key={`w-${state.values.workspace || workspace}`}
      />
      <TextField
        id="identifier"
        label="Username or email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        defaultValue={state.values.identifier}
        key={`i-${state.values.identifier}`}
      />
      <TextField id="password" label="Password" type="password" autoComplete="current-password" required />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        Sign in
      </button>
    </form>
  )
}

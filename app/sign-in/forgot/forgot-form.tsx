'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { TextField } from '@/app/_components/text-field'
import { requestResetAction } from './actions'
import { initialForgotState } from './forgot-state'

export function ForgotForm() {
  const [state, formAction, pending] = useActionState(requestResetAction, initialForgotState)
  if (state.sent) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {state.sent}
        </p>
        <p className="text-sm text-slate-600">No email? Check the spam folder, or ask your workspace admin to send you a reset.</p>
        <Link href="/sign-in">Back to sign in</Link>
      </div>
    )
  }
  return (
    <form action={formAction} className="space-y-5" key={state.submission} noValidate>
      <TextField
        id="workspace"
        label="Workspace"
        autoComplete="organization"
        autoCapitalize="none"
        spellCheck={false}
        required
        defaultValue={state.values.workspace}
        error={state.fieldErrors.workspace}
      />
      <TextField
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values.email}
        error={state.fieldErrors.email}
      />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        Send reset link
      </button>
      <p className="text-center text-sm">
        <Link href="/sign-in">Back to sign in</Link>
      </p>
    </form>
  )
}

'use client'

import { useActionState } from 'react'
import { Outcome } from '@/app/_components/form-bits'
import { messageOf, type Result } from '@/lib/validation/result'

/** `Let the identity provider change admins`: off, Admins are out of its reach (403), as a narrowed admin's are out of theirs. */
export function AdminsSetting({
  action,
  on,
}: {
  action: (previous: unknown, form: FormData) => Promise<Result<{ message: string }>>
  on: boolean
}) {
  const [result, formAction, pending] = useActionState(action, null)
  return (
    <form action={formAction} className="mt-8 max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h2 className="text-lg font-semibold">Admins</h2>
      {result && <Outcome ok={result.ok}>{messageOf(result)}</Outcome>}
      <label className="flex gap-2 text-sm">
        <input type="checkbox" name="managesAdmins" defaultChecked={on} className="mt-1" />
        <span>
          <span className="font-medium">Let the identity provider change admins</span>
          <span className="block text-slate-600">
            Off: it creates and changes Agents and Supervisors only, and its changes to an Admin are refused. New users it creates are
            always Agents; roles are given here.
          </span>
        </span>
      </label>
      <button type="submit" className="btn-primary" disabled={pending}>
        Save
      </button>
    </form>
  )
}

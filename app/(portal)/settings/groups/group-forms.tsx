'use client'

import { useActionState } from 'react'
import { Outcome, RowActionForm } from '@/app/_components/form-bits'
import { TextField } from '@/app/_components/text-field'
import type { GroupResult } from '@/lib/groups/manage-groups'
import { messageOf } from '@/lib/validation/result'

type Action = (previous: unknown, form: FormData) => Promise<GroupResult>

/** One text field and a button (create, rename, add member); the answer shows above, errors next to the field. */
export function OneFieldForm({
  action,
  id,
  name,
  label,
  button,
  defaultValue,
}: {
  action: Action
  id: string
  name: string
  label: string
  button: string
  defaultValue?: string
}) {
  const [result, formAction, pending] = useActionState(action, null)
  return (
    <form action={formAction} className="mt-4 flex flex-wrap items-end gap-3">
      {result?.ok && (
        <Outcome ok className="w-full">
          {result.message}
        </Outcome>
      )}
      {result && !result.ok && !result.fieldErrors[name as 'name'] && (
        <Outcome ok={false} className="w-full">
          {messageOf(result)}
        </Outcome>
      )}
      <TextField
        id={id}
        name={name}
        label={label}
        defaultValue={defaultValue}
        error={result && !result.ok ? result.fieldErrors[name as 'name'] : undefined}
        maxLength={100}
      />
      <button type="submit" className="btn-primary" disabled={pending}>
        {button}
      </button>
    </form>
  )
}

export interface MemberRow {
  id: string
  fullName: string
  username: string
  role: string
}

/** The group's members with `Remove` each. */
export function MemberList({ members, removeAction }: { members: MemberRow[]; removeAction: Action }) {
  const [result, formAction, pending] = useActionState(removeAction, null)
  return (
    <>
      {result && <Outcome ok={result.ok}>{messageOf(result)}</Outcome>}
      {members.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No members yet.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Full name</th>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.fullName}</th>
                  <td>{m.username}</td>
                  <td>{m.role}</td>
                  <td>
                    <RowActionForm
                      action={formAction}
                      name="userId"
                      value={m.id}
                      label="Remove"
                      accessibleLabel={`Remove ${m.fullName}`}
                      pending={pending}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

/** Delete the group, after ticking that its memberships go too. */
export function DeleteGroupForm({ action, members }: { action: (previous: unknown) => Promise<GroupResult>; members: number }) {
  const [result, formAction, pending] = useActionState(action, null)
  return (
    <form action={formAction} className="mt-4 space-y-3 text-sm">
      {result && !result.ok && <Outcome ok={false}>{messageOf(result)}</Outcome>}
      <label className="flex items-center gap-2">
        <input type="checkbox" name="confirm" required />
        Delete this group{members ? ` and its ${members} membership${members === 1 ? '' : 's'} (the users stay)` : ''}
      </label>
      <button type="submit" className="btn-secondary text-red-700" disabled={pending}>
        Delete group
      </button>
    </form>
  )
}

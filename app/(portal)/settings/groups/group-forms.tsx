'use client'

import { useActionState } from 'react'
import { ConfirmAction } from '@/app/_components/confirm-action'
import { Outcome } from '@/app/_components/form-bits'
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
/** The group's members, or (`managers`) its managers: the same table, each with Remove. */
export function MemberList({
  group,
  members,
  removeAction,
  managers = false,
}: {
  group: string
  members: MemberRow[]
  removeAction: Action
  managers?: boolean
}) {
  const [result, formAction, pending] = useActionState(removeAction, null)
  return (
    <>
      {result && <Outcome ok={result.ok}>{messageOf(result)}</Outcome>}
      {members.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">{managers ? 'No managers yet.' : 'No members yet.'}</p>
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
                    <ConfirmAction
                      action={formAction}
                      fields={{ userId: m.id }}
                      trigger="Remove"
                      triggerLabel={`Remove ${m.fullName}`}
                      question={managers ? `Remove ${m.fullName} as a manager of ${group}?` : `Remove ${m.fullName} from ${group}?`}
                      detail={
                        managers
                          ? 'They stay in the workspace; if their profile is scoped to the groups they manage, they no longer see its members.'
                          : 'They stay in the workspace; only this membership goes.'
                      }
                      confirm="Remove"
                      pending={pending}
                      small
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
export function DeleteGroupForm({
  action,
  name,
  members,
}: {
  action: (previous: unknown) => Promise<GroupResult>
  name: string
  members: number
}) {
  const [result, formAction, pending] = useActionState(action, null)
  return (
    <div className="mt-4 space-y-3 text-sm">
      {result && !result.ok && <Outcome ok={false}>{messageOf(result)}</Outcome>}
      <ConfirmAction
        action={formAction}
        trigger="Delete group"
        question={`Delete the group “${name}”?`}
        detail={members ? `Its ${members} membership${members === 1 ? '' : 's'} go too; the users stay.` : 'It has no members.'}
        confirm="Delete group"
        pending={pending}
      />
    </div>
  )
}

'use client'

import { useActionState } from 'react'
import { ConfirmAction } from '@/app/_components/confirm-action'
import { DateTime } from '@/app/_components/date-time'
import { Outcome } from '@/app/_components/form-bits'
import { TableFrame } from '@/app/_components/page-bits'
import type { LiveSession } from '@/lib/sessions/list-sessions'
import type { SignOutResult } from '@/lib/sessions/manage-sessions'
import { messageOf } from '@/lib/validation/result'

type SignOut = (previous: unknown, form: FormData) => Promise<SignOutResult>
type SignOutAll = (previous: unknown) => Promise<SignOutResult>

/** A user's live sessions, with Sign out per session and Sign out everywhere when the viewer may. */
export function SessionList({
  sessions,
  timeZone,
  whose,
  currentSessionId,
  signOut,
  signOutAll,
  canSignOut,
}: {
  sessions: LiveSession[]
  timeZone: string
  /** "Ana Lima" or "you": the questions name them. */
  whose: string
  currentSessionId?: string
  signOut: SignOut
  signOutAll: SignOutAll
  /** False: the viewer may only look (the actions would refuse them anyway). */
  canSignOut: boolean
}) {
  const [one, signOutOne, pendingOne] = useActionState<SignOutResult | null, FormData>(signOut, null)
  const [all, signOutEverywhere, pendingAll] = useActionState<SignOutResult | null>(signOutAll, null)
  const answer = one ?? all
  return (
    <>
      {answer && <Outcome ok={answer.ok}>{messageOf(answer)}</Outcome>}
      {sessions.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">Not signed in anywhere.</p>
      ) : (
        <TableFrame className="mt-3">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in ({timeZone})</th>
              <th scope="col">Last active</th>
              {canSignOut && (
                <th scope="col">
                  <span className="sr-only">Sign out</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.device}
                  {s.id === currentSessionId && <span className="muted ml-2 text-xs">(this browser)</span>}
                </th>
                <td>{s.ip ?? <span className="muted">—</span>}</td>
                <td>
                  <DateTime value={s.signedInAt} timeZone={timeZone} />
                </td>
                <td>
                  <DateTime value={s.lastActiveAt} timeZone={timeZone} />
                </td>
                {canSignOut && (
                  <td>
                    <ConfirmAction
                      action={signOutOne}
                      fields={{ sessionId: s.id }}
                      trigger="Sign out"
                      triggerLabel={`Sign out ${s.device}${s.id === currentSessionId ? ' (this browser)' : ''}`}
                      question={s.id === currentSessionId ? 'Sign out this browser?' : `Sign out ${s.device}?`}
                      detail="That browser goes to the sign-in page on its next click; with force login, the extension stops taking calls now."
                      confirm="Sign out"
                      pending={pendingOne}
                      small
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      {canSignOut && sessions.length > 0 && (
        <div className="mt-3">
          <ConfirmAction
            action={signOutEverywhere}
            trigger="Sign out everywhere"
            question={`Sign ${whose} out everywhere?`}
            detail={`Every session ends now (${sessions.length}); with force login, the extension stops taking calls until ${whose === 'you' ? 'you sign' : 'they sign'} in again.`}
            confirm="Sign out everywhere"
            pending={pendingAll}
          />
        </div>
      )}
    </>
  )
}

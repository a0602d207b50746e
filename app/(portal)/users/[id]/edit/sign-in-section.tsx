import { getDb } from '@/db/client'
import { CopyButton } from '@/app/_components/copy-button'
import { DateTime } from '@/app/_components/date-time'
import type { Permission } from '@/lib/auth/permissions'
import { mailIsDelivered } from '@/lib/mail/mail-config'
import { openLinkFor } from '@/lib/mail/mail-outbox'
import type { signInFactsOf } from '@/lib/users/list-sign-in-facts'
import { PASSWORD_STATE_LABELS } from '@/lib/users/password-state'
import { resetTwoFactorAction, sendInvitationAction, sendPasswordResetAction } from './sign-in-actions'
import { SignInActionButton } from './sign-in-action-button'

/**
 * The edit page's `Sign-in` section: the password's state (an invitation and
 * until when), two-factor, and the admin's buttons for them. Without SMTP the
 * open link is shown here to hand over, since no mail left the server.
 */
export async function SignInSection({
  tenantId,
  userId,
  fullName,
  facts,
  actor,
}: {
  tenantId: string
  userId: string
  fullName: string
  facts: NonNullable<Awaited<ReturnType<typeof signInFactsOf>>>
  actor: { id: string; timeZone: string; permissions: ReadonlySet<Permission> }
}) {
  const db = await getDb()
  const self = actor.id === userId
  const active = facts.status === 'active'
  const canInvite = !self && active && facts.password !== 'set'
  const canReset = !self && active && facts.password === 'set' && actor.permissions.has('users.password')
  const links = mailIsDelivered()
    ? []
    : (
        await Promise.all([
          canInvite ? openLinkFor(db, tenantId, userId, 'invitation') : null,
          canReset ? openLinkFor(db, tenantId, userId, 'password_reset') : null,
        ])
      ).flatMap((l, i) => (l ? [{ ...l, what: i === 0 ? 'Invitation link' : 'Password reset link' }] : []))
  return (
    <section id="sign-in" aria-labelledby="sign-in-heading" className="mt-10 max-w-3xl rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="sign-in-heading" className="text-lg font-semibold">
        Sign-in
      </h2>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="font-medium text-slate-700">Password</dt>
        <dd>
          {PASSWORD_STATE_LABELS[facts.password]}
          {facts.password === 'invited' && facts.invitationExpiresAt && (
            <>
              {' '}
              (the link works until <DateTime value={facts.invitationExpiresAt} timeZone={actor.timeZone} />)
            </>
          )}
        </dd>
        <dt className="font-medium text-slate-700">Two-factor authentication</dt>
        <dd>{facts.twoFactor.on ? `On (${facts.twoFactor.totp ? 'authenticator app' : 'passkey'})` : 'Off'}</dd>
      </dl>
      {links.map((l) => (
        <div key={l.what} className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <label htmlFor={`link-${l.what}`} className="font-medium">
            {l.what} for {fullName}
          </label>
          <p className="mt-1">
            Email isn’t set up on this server (no SMTP_URL), so no mail was sent. Give them this link yourself; it works once, until{' '}
            <DateTime value={l.expiresAt} timeZone={actor.timeZone} />.
          </p>
          <div className="mt-2 flex gap-2">
            <input id={`link-${l.what}`} readOnly value={l.url} className="field-input mt-0 w-full font-mono text-xs" />
            <CopyButton text={l.url} label={`Copy the ${l.what.toLowerCase()}`} />
          </div>
        </div>
      ))}
      <div className="mt-4 flex flex-wrap items-start gap-3">
        {canInvite && (
          <SignInActionButton
            action={sendInvitationAction.bind(null, userId)}
            label={facts.password === 'none' ? 'Send invitation' : 'Resend invitation'}
          />
        )}
        {canReset && <SignInActionButton action={sendPasswordResetAction.bind(null, userId)} label="Send password reset" />}
        {!self && facts.twoFactor.on && (
          <SignInActionButton
            action={resetTwoFactorAction.bind(null, userId)}
            label="Reset two-factor"
            confirm={{
              question: `Reset two-factor authentication of ${fullName}?`,
              detail:
                'Their authenticator app, passkeys and recovery codes stop working. They sign in with their password and set it up again.',
            }}
          />
        )}
      </div>
    </section>
  )
}

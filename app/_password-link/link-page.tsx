import Link from 'next/link'
import { getDb } from '@/db/client'
import { AuthCard } from '@/app/_components/auth-card'
import { LINK_STATE_MESSAGES } from '@/lib/auth/set-password-by-link'
import { findUserLink, type LinkPurpose } from '@/lib/auth/user-links'
import { SetPasswordForm } from './set-password-form'

/** The page an invitation or reset link opens: `Set your password`, or why the link can't be used. Looking never uses it up. */
export async function PasswordLinkPage({ purpose, token }: { purpose: LinkPurpose; token: string }) {
  const found = await findUserLink(await getDb(), purpose, token)
  if (found.state !== 'valid') {
    return (
      <AuthCard title={purpose === 'invitation' ? 'This invitation can’t be used' : 'This reset link can’t be used'}>
        <p role="alert" className="text-sm text-slate-700">
          {LINK_STATE_MESSAGES[purpose][found.state]}
        </p>
        <p className="mt-4 flex gap-4 text-sm">
          <Link href="/sign-in">Sign in</Link>
          <Link href="/sign-in/forgot">Forgot password?</Link>
        </p>
      </AuthCard>
    )
  }
  const h = found.holder
  return (
    <AuthCard
      title={purpose === 'invitation' ? 'Set your password' : 'Choose a new password'}
      intro={
        purpose === 'invitation' ? (
          <>
            Welcome to {h.workspaceName}, {h.fullName}. Your username is <strong>{h.username}</strong>.
          </>
        ) : (
          <>
            For {h.username} in {h.workspaceName}. Every session of yours is signed out when it is set.
          </>
        )
      }
    >
      <SetPasswordForm purpose={purpose} token={token} username={h.username} />
    </AuthCard>
  )
}

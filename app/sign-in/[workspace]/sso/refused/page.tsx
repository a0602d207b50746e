import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { AuthCard, FormAlert } from '@/app/_components/auth-card'
import { SSO_FAILURES, type SsoFailure } from '@/lib/sso/sso-sign-in'
import { isWorkspaceSlug } from '../sso-redirects'

export const metadata: Metadata = { title: 'Single sign-on didn’t work' }

/** Why a sign-in with the identity provider was refused: a fixed sentence per reason, and the way back. */
export default async function SsoRefusedPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>
  searchParams: Promise<{ reason?: string | string[] }>
}) {
  const slug = (await params).workspace.toLowerCase()
  if (!isWorkspaceSlug(slug)) notFound()
  const reason = (await searchParams).reason
  const message =
    typeof reason === 'string' && Object.hasOwn(SSO_FAILURES, reason) ? SSO_FAILURES[reason as SsoFailure] : SSO_FAILURES.expired
  return (
    <AuthCard title="Single sign-on didn’t work">
      <FormAlert id="sso-refused" message={message} />
      <p className="mt-5 text-center text-sm">
        <Link href={`/sign-in/${slug}`}>Back to sign in</Link>
      </p>
    </AuthCard>
  )
}

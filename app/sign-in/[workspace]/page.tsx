import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { AuthCard } from '@/app/_components/auth-card'
import { PageFlash } from '@/app/_flash/page-flash'
import { getSessionUser } from '@/lib/auth/session'
import { safeReturnPath } from '@/lib/http/return-path'
import { ssoSignInOptions } from '@/lib/sso/list-sso-settings'
import { SignInForm } from '../sign-in-form'
import { SsoButton } from '../sso-button'
import { SIGN_IN_FLASH } from '../sign-in-flash'
import { isWorkspaceSlug } from './sso/sso-redirects'

export const metadata: Metadata = { title: 'Sign in' }

/**
 * Sign-in for one workspace (`/sign-in/acme`, a link admins hand out): its
 * identity provider's button when it has one, and the password form (only for
 * break-glass admins when single sign-on is required). A workspace without
 * single sign-on, or none at all, shows just the form: nothing is revealed.
 */
export default async function WorkspaceSignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>
  searchParams: Promise<{ next?: string | string[] }>
}) {
  const slug = (await params).workspace.toLowerCase()
  if (!isWorkspaceSlug(slug)) notFound()
  const next = safeReturnPath((await searchParams).next)
  if (await getSessionUser()) redirect(next ?? '/')
  const sso = await ssoSignInOptions(await getDb(), slug)
  return (
    <AuthCard title="Sign in">
      <PageFlash messages={SIGN_IN_FLASH} />
      {sso && (
        <>
          <SsoButton slug={slug} displayName={sso.displayName} next={next} />
          <p className="my-5 text-center text-sm text-slate-600">
            {sso.requireSso ? 'Break-glass admins only: sign in with a password' : 'or sign in with a password'}
          </p>
        </>
      )}
      <SignInForm next={next} workspace={slug} />
      <p className="mt-5 text-center text-sm">
        <Link href="/sign-in/forgot">Forgot password?</Link>
      </p>
    </AuthCard>
  )
}

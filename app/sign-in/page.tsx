import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { getSessionUser } from '@/lib/auth/session'
import { safeReturnPath } from '@/lib/http/return-path'
import Link from 'next/link'
import { AuthCard } from '@/app/_components/auth-card'
import { PageFlash } from '@/app/_flash/page-flash'
import { SignInForm } from './sign-in-form'
import { SIGN_IN_FLASH } from './sign-in-flash'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  // Only a path of the portal: `next` comes from a link anyone can write.
  const next = safeReturnPath((await searchParams).next)
  if (await getSessionUser()) redirect(next ?? '/')
  return (
    <AuthCard title="Sign in">
      <PageFlash messages={SIGN_IN_FLASH} />
      <SignInForm next={next} />
      <p className="mt-5 flex justify-center gap-4 text-sm">
        <Link href="/sign-in/forgot">Forgot password?</Link>
        <Link href="/sign-in/sso">Sign in with single sign-on</Link>
      </p>
    </AuthCard>
  )
}

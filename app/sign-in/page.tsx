import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { getSessionUser } from '@/lib/auth/session'
import { safeReturnPath } from '@/lib/http/return-path'
import Link from 'next/link'
import { AuthCard } from '@/app/_components/auth-card'
import { PageFlash } from '@/app/_flash/page-flash'
import { SignInForm } from './sign-in-form'

const SIGN_IN_FLASH = {
  'password-reset': 'Your password was changed and every session of yours was signed out. Sign in with your new password.',
  'sign-in-step-expired': 'That sign-in took too long or was already finished. Sign in again.',
} as const

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  // Only a path of the portal: `next` comes from a link anyone can write.
  const next = safeReturnPath((await searchParams).next)
  if (await getSessionUser()) redirect(next ?? '/')
  return (
    <AuthCard title="Sign in">
      <PageFlash messages={SIGN_IN_FLASH} />
      <SignInForm next={next} />
      <p className="mt-5 text-center text-sm">
        <Link href="/sign-in/forgot">Forgot password?</Link>
      </p>
    </AuthCard>
  )
}

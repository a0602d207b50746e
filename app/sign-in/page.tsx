import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { getSessionUser } from '@/lib/auth/session'
import { safeReturnPath } from '@/lib/http/return-path'
import { SignInForm } from './sign-in-form'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  // Only a path of the portal: `next` comes from a link anyone can write.
  const next = safeReturnPath((await searchParams).next)
  if (await getSessionUser()) redirect(next ?? '/')
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <p className="text-center text-sm font-semibold tracking-wide text-indigo-700 uppercase">Switchboard</p>
        <h1 className="mt-2 text-center text-2xl font-semibold">Sign in</h1>
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm next={next} />
        </div>
      </div>
    </main>
  )
}

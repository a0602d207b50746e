import Link from 'next/link'
import { AuthCard } from '@/app/_components/auth-card'

/** A second step without a live half-signed-in cookie: nothing to verify, back to sign in. */
export function StepExpired() {
  return (
    <AuthCard title="Sign in again">
      <StepExpiredBody />
    </AuthCard>
  )
}

export function StepExpiredBody() {
  return (
    <div>
      <p className="text-sm text-slate-700">This sign-in step has expired or was already finished.</p>
      <p className="mt-4">
        <Link href="/sign-in" className="btn-primary inline-block">
          Sign in
        </Link>
      </p>
    </div>
  )
}

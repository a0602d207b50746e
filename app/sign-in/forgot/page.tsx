import type { Metadata } from 'next'
import { AuthCard } from '@/app/_components/auth-card'
import { ForgotForm } from './forgot-form'

export const metadata: Metadata = { title: 'Forgot password' }

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot password?" intro="We’ll email you a link to choose a new password.">
      <ForgotForm />
    </AuthCard>
  )
}

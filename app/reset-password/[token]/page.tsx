import type { Metadata } from 'next'
import { PasswordLinkPage } from '@/app/_password-link/link-page'

export const metadata: Metadata = { title: 'Choose a new password' }

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  return <PasswordLinkPage purpose="password_reset" token={(await params).token} />
}

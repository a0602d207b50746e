import type { Metadata } from 'next'
import { PasswordLinkPage } from '@/app/_password-link/link-page'

// The site-wide Referrer-Policy (same-origin) keeps the token in this URL from other sites; no-referrer here would make the form's POST send `Origin: null`, which Next refuses as CSRF.
export const metadata: Metadata = { title: 'Set your password' }

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  return <PasswordLinkPage purpose="invitation" token={(await params).token} />
}

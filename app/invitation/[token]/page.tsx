import type { Metadata } from 'next'
import { PasswordLinkPage } from '@/app/_password-link/link-page'

export const metadata: Metadata = { title: 'Set your password', referrer: 'no-referrer' }

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  return <PasswordLinkPage purpose="invitation" token={(await params).token} />
}

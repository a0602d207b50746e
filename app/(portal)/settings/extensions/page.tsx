import type { Metadata } from 'next'
import Link from 'next/link'
import { ComingSoon } from '@/app/_components/coming-soon'
import { requirePermission } from '@/lib/auth/session'

export const metadata: Metadata = { title: 'Extensions' }

export default async function ExtensionsPage() {
  await requirePermission('extensions.manage')
  return (
    <>
      <p className="text-sm">
        <Link href="/settings">Settings</Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Extensions</h1>
      <ComingSoon>Creating and editing extensions is coming in the next release.</ComingSoon>
    </>
  )
}

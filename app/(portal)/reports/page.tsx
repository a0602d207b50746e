import type { Metadata } from 'next'
import { ComingSoon } from '@/app/_components/coming-soon'
import { requirePermission } from '@/lib/auth/session'

export const metadata: Metadata = { title: 'Reports' }

export default async function ReportsPage() {
  await requirePermission('reports.read')
  return (
    <>
      <h1 className="text-2xl font-semibold">Reports</h1>
      <ComingSoon>Reports on users&apos; sign-in times are coming in a later release.</ComingSoon>
    </>
  )
}

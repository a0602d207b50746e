import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePermission } from '@/lib/auth/session'

export const metadata: Metadata = { title: 'Reports' }

export default async function ReportsPage() {
  await requirePermission('reports.read')
  return (
    <>
      <h1 className="text-2xl font-semibold">Reports</h1>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        <li className="rounded-lg border border-slate-200 bg-white p-4">
          <Link href="/reports/signed-in" className="font-medium">
            Signed in now
          </Link>
          <p className="mt-1 text-sm text-slate-600">
            Who is signed in, by group and role, and who can take calls (force login); it updates itself while open.
          </p>
        </li>
        <li className="rounded-lg border border-slate-200 bg-white p-4">
          <Link href="/reports/users" className="font-medium">
            Users
          </Link>
          <p className="mt-1 text-sm text-slate-600">
            Sign-ins, sign-outs and time signed in per user over a date range, with a chart and Export to CSV.
          </p>
        </li>
      </ul>
    </>
  )
}

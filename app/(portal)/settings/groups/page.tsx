import type { Metadata } from 'next'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { listGroups } from '@/lib/groups/manage-groups'
import { createGroupAction } from './group-actions'
import { OneFieldForm } from './group-forms'

export const metadata: Metadata = { title: 'Groups' }

export default async function GroupsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const actor = await requirePermission('settings.manage')
  const rows = await listGroups(await getDb(), actor.tenantId)
  return (
    <>
      <p className="text-sm">
        <Link href="/settings">Settings</Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Groups</h1>
      {(await searchParams).deleted === '1' && (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Group deleted.
        </p>
      )}
      <OneFieldForm action={createGroupAction} id="new-group" name="name" label="New group" button="Create group" />
      {rows.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">No groups yet.</p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Members</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((g) => (
                <tr key={g.id}>
                  <th scope="row">
                    <Link href={`/settings/groups/${g.id}`}>{g.name}</Link>
                  </th>
                  <td>
                    <Link href={`/users?group=${g.id}`} aria-label={`${g.members} members of ${g.name} in the users list`}>
                      {g.members}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

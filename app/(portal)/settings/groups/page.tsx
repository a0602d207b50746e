import type { Metadata } from 'next'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { listGroups } from '@/lib/groups/list-groups'
import { createGroupAction } from './group-actions'
import { OneFieldForm } from './group-forms'
import { EmptyState, PageHeader, TableFrame } from '@/app/_components/page-bits'
import { PageFlash } from '@/app/_flash/page-flash'

export const metadata: Metadata = { title: 'Groups' }

export default async function GroupsPage() {
  const actor = await requirePermission('settings.manage')
  const rows = await listGroups(await getDb(), actor.tenantId)
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="Groups" />
      <PageFlash messages={{ 'group-deleted': 'Group deleted.' }} />
      <OneFieldForm action={createGroupAction} id="new-group" name="name" label="New group" button="Create group" />
      {rows.length === 0 ? (
        <EmptyState>No groups yet.</EmptyState>
      ) : (
        <TableFrame>
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
        </TableFrame>
      )}
    </>
  )
}

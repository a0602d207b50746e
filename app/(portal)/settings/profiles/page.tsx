import type { Metadata } from 'next'
import { SCOPE_LABELS } from '@/lib/profiles/profile-input'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { listProfiles } from '@/lib/profiles/list-profiles'
import { EmptyState, PageHeader, TableFrame } from '@/app/_components/page-bits'
import { PageFlash } from '@/app/_flash/page-flash'

export const metadata: Metadata = { title: 'Profiles' }

export default async function ProfilesPage() {
  const actor = await requirePermission('settings.manage')
  const rows = await listProfiles(await getDb(), actor.tenantId)
  return (
    <>
      <PageHeader
        back={{ href: '/settings', label: 'Settings' }}
        title="Profiles"
        action={{ href: '/settings/profiles/new', label: 'New profile' }}
      />
      <p className="mt-2 max-w-2xl text-sm text-slate-600">
        A profile narrows a role: its users get the role’s permissions that the profile keeps.
      </p>
      <PageFlash messages={{ 'profile-deleted': 'Profile deleted.' }} />
      {rows.length === 0 ? (
        <EmptyState>No profiles yet.</EmptyState>
      ) : (
        <TableFrame>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Permissions</th>
              <th scope="col">Scope</th>
              <th scope="col">Users</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link href={`/settings/profiles/${p.id}`}>{p.name}</Link>
                </th>
                <td>{p.role}</td>
                <td className="whitespace-normal">{p.permissions.join(', ') || <span className="muted">none</span>}</td>
                <td>{SCOPE_LABELS[p.scope]}</td>
                <td>{p.holders}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </>
  )
}

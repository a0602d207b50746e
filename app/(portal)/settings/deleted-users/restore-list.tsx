'use client'

import { useActionState } from 'react'
import { DateTime, zoneNote } from '@/app/_components/date-time'
import { Outcome, RowActionForm } from '@/app/_components/form-bits'
import type { RestoreResult } from '@/lib/users/manage-deleted-users'
import { messageOf } from '@/lib/validation/result'
import { restoreUserAction } from './actions'
import { EmptyState, TableFrame } from '@/app/_components/page-bits'

export interface DeletedUserRow {
  id: string
  fullName: string
  username: string
  email: string
  role: string
  deletedAt: Date
  deletedBy: string | null
}

/** The deleted users with a `Restore` button each; one answer line above, so it outlives the restored row. */
export function RestoreList({ rows, timeZone }: { rows: DeletedUserRow[]; timeZone: string }) {
  const [result, formAction, pending] = useActionState<RestoreResult | null, FormData>(restoreUserAction, null)
  return (
    <>
      {result && <Outcome ok={result.ok}>{messageOf(result)}</Outcome>}
      {rows.length === 0 ? (
        <EmptyState>No deleted users.</EmptyState>
      ) : (
        <TableFrame className="mt-4">
          <thead>
            <tr>
              <th scope="col">Full name</th>
              <th scope="col">Username</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">{zoneNote('Deleted', timeZone)}</th>
              <th scope="col">By</th>
              <th scope="col">
                <span className="sr-only">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.fullName}</th>
                <td>{u.username}</td>
                <td>{u.email}</td>
                <td>{u.role}</td>
                <td>
                  <DateTime value={u.deletedAt} timeZone={timeZone} />
                </td>
                <td>{u.deletedBy ?? <span className="muted">—</span>}</td>
                <td>
                  <RowActionForm
                    action={formAction}
                    name="userId"
                    value={u.id}
                    label="Restore"
                    accessibleLabel={`Restore ${u.fullName}`}
                    pending={pending}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </>
  )
}

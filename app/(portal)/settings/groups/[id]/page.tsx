import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { pageParam, SimplePager } from '@/app/_components/simple-pager'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { findGroupWithMembers, listGroups } from '@/lib/groups/list-groups'
import {
  addGroupManagerAction,
  addGroupMemberAction,
  deleteGroupAction,
  removeGroupManagerAction,
  removeGroupMemberAction,
  renameGroupAction,
} from '../group-actions'
import { DeleteGroupForm, MemberList, OneFieldForm } from '../group-forms'
import { PageHeader } from '@/app/_components/page-bits'
import { z } from 'zod'
import { objectTitle } from '../../../page-title'

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
  const id = z.uuid().safeParse((await params).id)
  return objectTitle('settings.manage', 'Group', async (db, tenantId) =>
    id.success ? (await listGroups(db, tenantId, id.data))[0]?.name : null,
  )
}

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ page?: string }>
}) {
  const actor = await requirePermission('settings.manage')
  const db = await getDb()
  const page = pageParam((await searchParams).page)
  const found = await findGroupWithMembers(db, actor.tenantId, (await params).id, page)
  if (!found) notFound()
  const { group, managers, members, hasMore } = found
  const total = (await listGroups(db, actor.tenantId, group.id))[0]?.members ?? 0
  return (
    <>
      <PageHeader back={{ href: '/settings/groups', label: 'Groups', current: group.name }} title={`Group: ${group.name}`} />
      <p className="mt-1 text-sm">
        <Link href={`/users?group=${group.id}`}>
          {total} member{total === 1 ? '' : 's'} in the users list
        </Link>
      </p>
      <section aria-labelledby="rename-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="rename-heading" className="text-base font-semibold">
          Rename
        </h2>
        <OneFieldForm
          key={group.name}
          action={renameGroupAction.bind(null, group.id)}
          id="group-name"
          name="name"
          label="Name"
          button="Rename"
          defaultValue={group.name}
        />
      </section>
      <section aria-labelledby="managers-heading" className="mt-6 max-w-3xl rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="managers-heading" className="text-base font-semibold">
          Managers
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Supervisors and Admins who lead this group. With a profile scoped to <em>Only the groups they manage</em>, they see and act only
          on the members of their groups.
        </p>
        <OneFieldForm
          action={addGroupManagerAction.bind(null, group.id)}
          id="manager-username"
          name="username"
          label="Add manager by username"
          button="Add manager"
        />
        <MemberList group={group.name} members={managers} removeAction={removeGroupManagerAction.bind(null, group.id)} managers />
      </section>
      <section aria-labelledby="members-heading" className="mt-6 max-w-3xl rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="members-heading" className="text-base font-semibold">
          Members
        </h2>
        <OneFieldForm
          action={addGroupMemberAction.bind(null, group.id)}
          id="member-username"
          name="username"
          label="Add by username"
          button="Add member"
        />
        <MemberList group={group.name} members={members} removeAction={removeGroupMemberAction.bind(null, group.id)} />
        <SimplePager path={`/settings/groups/${group.id}`} page={page} hasMore={hasMore} />
      </section>
      <section aria-labelledby="delete-heading" className="mt-6 max-w-2xl rounded-lg border border-red-200 bg-white p-6">
        <h2 id="delete-heading" className="text-base font-semibold">
          Delete
        </h2>
        <DeleteGroupForm action={deleteGroupAction.bind(null, group.id)} name={group.name} members={total} />
      </section>
    </>
  )
}

import type { Metadata } from 'next'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { loadUserFormOptions } from '@/lib/users/form-options'
import { EMPTY_USER_FIELDS } from '../_form/form-state'
import { createUserAction } from '../_form/save-user-actions'
import { UserForm } from '../_form/user-form'
import { PageHeader } from '@/app/_components/page-bits'

export const metadata: Metadata = { title: 'Create user' }

export default async function NewUserPage() {
  const user = await requirePermission('users.create')
  const options = await loadUserFormOptions(await getDb(), user, null)
  return (
    <>
      <PageHeader back={{ href: '/users', label: 'Users' }} title="Create user" />
      <UserForm
        mode="create"
        action={createUserAction}
        initial={{ submission: 0, values: EMPTY_USER_FIELDS, fieldErrors: {} }}
        options={options}
        canSetPassword
      />
    </>
  )
}

import type { Metadata } from 'next'
import { ImportJobPage } from '../../../_imports/import-job-page'
import { startUsersImport } from '../../../_imports/import-actions'
import { USERS_IMPORT } from '../../../_imports/import-kinds'

export const metadata: Metadata = { title: 'Import users' }

export default async function UsersImportJobPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ show?: string; page?: string }>
}) {
  return <ImportJobPage kind={USERS_IMPORT} id={(await params).id} search={await searchParams} start={startUsersImport} />
}

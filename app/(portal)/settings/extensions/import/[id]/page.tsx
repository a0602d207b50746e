import type { Metadata } from 'next'
import { ImportJobPage } from '../../../../_imports/import-job-page'
import { startExtensionsImport } from '../../../../_imports/import-actions'
import { EXTENSIONS_IMPORT } from '../../../../_imports/import-kinds'

export const metadata: Metadata = { title: 'Import extensions' }

export default async function ExtensionsImportJobPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ show?: string; page?: string }>
}) {
  return <ImportJobPage kind={EXTENSIONS_IMPORT} id={(await params).id} search={await searchParams} start={startExtensionsImport} />
}

import type { Metadata } from 'next'
import { ImportUploadPage } from '../../_imports/import-upload-page'
import { uploadUsersImport } from '../../_imports/import-actions'
import { USERS_IMPORT } from '../../_imports/import-kinds'

export const metadata: Metadata = { title: 'Import users' }

export default function ImportUsersPage() {
  return (
    <ImportUploadPage kind={USERS_IMPORT} upload={uploadUsersImport}>
      <p className="mt-2 max-w-3xl text-sm text-slate-600">
        The columns are the Users list’s export: export, edit, import. You see a preview of every row before anything is written.
      </p>
    </ImportUploadPage>
  )
}

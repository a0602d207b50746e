import type { Metadata } from 'next'
import { ImportUploadPage } from '../../../_imports/import-upload-page'
import { uploadExtensionsImport } from '../../../_imports/import-actions'
import { EXTENSIONS_IMPORT } from '../../../_imports/import-kinds'

export const metadata: Metadata = { title: 'Import extensions' }

export default function ImportExtensionsPage() {
  return (
    <ImportUploadPage kind={EXTENSIONS_IMPORT} upload={uploadExtensionsImport}>
      <p className="mt-2 max-w-3xl text-sm text-slate-600">
        Columns: Number, Type (WebRTC or SIP), Voicemail (Yes or No), Voicemail PIN and Notification email. You see a preview of every row
        before anything is written.
      </p>
    </ImportUploadPage>
  )
}

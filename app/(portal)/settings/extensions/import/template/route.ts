import { EXTENSION_TEMPLATE_HEADERS } from '@/lib/extensions/import-extensions'
import { templateResponse } from '../../../../_imports/import-files'
import { EXTENSIONS_IMPORT } from '../../../../_imports/import-kinds'

/** GET /settings/extensions/import/template: the import's header row as a CSV. */
export function GET() {
  return templateResponse(EXTENSIONS_IMPORT, EXTENSION_TEMPLATE_HEADERS)
}

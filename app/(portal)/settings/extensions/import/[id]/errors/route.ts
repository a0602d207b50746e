import { errorsResponse } from '../../../../../_imports/import-files'
import { EXTENSIONS_IMPORT } from '../../../../../_imports/import-kinds'

/** GET /settings/extensions/import/{id}/errors: the rows that failed, with an Error column. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return errorsResponse(EXTENSIONS_IMPORT, (await context.params).id)
}

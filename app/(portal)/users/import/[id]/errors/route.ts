import { errorsResponse } from '../../../../_imports/import-files'
import { USERS_IMPORT } from '../../../../_imports/import-kinds'

/** GET /users/import/{id}/errors: the rows that failed, with an Error column. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return errorsResponse(USERS_IMPORT, (await context.params).id)
}

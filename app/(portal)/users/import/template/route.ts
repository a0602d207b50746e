import { USER_TEMPLATE_HEADERS } from '@/lib/users/import-users'
import { templateResponse } from '../../../_imports/import-files'
import { USERS_IMPORT } from '../../../_imports/import-kinds'

/** GET /users/import/template: the import's header row as a CSV. */
export function GET() {
  return templateResponse(USERS_IMPORT, USER_TEMPLATE_HEADERS)
}

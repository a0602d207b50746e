import { scimRoute } from '@/lib/scim/scim-http'
import { deleteUser, getUser, patchUser, replaceUser } from '@/lib/scim/scim-users'

/** One SCIM user (lib/scim): read, replace, patch, soft-delete. */
export const GET = scimRoute<{ id: string }>(getUser)
export const PUT = scimRoute<{ id: string }>(replaceUser)
export const PATCH = scimRoute<{ id: string }>(patchUser)
export const DELETE = scimRoute<{ id: string }>(deleteUser)

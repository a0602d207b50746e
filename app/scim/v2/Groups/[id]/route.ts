import { deleteGroup, getGroup, patchGroup, replaceGroup } from '@/lib/scim/scim-groups'
import { scimRoute } from '@/lib/scim/scim-http'

/** One SCIM group (lib/scim): read, replace, patch its members, delete. */
export const GET = scimRoute<{ id: string }>(getGroup)
export const PUT = scimRoute<{ id: string }>(replaceGroup)
export const PATCH = scimRoute<{ id: string }>(patchGroup)
export const DELETE = scimRoute<{ id: string }>(deleteGroup)

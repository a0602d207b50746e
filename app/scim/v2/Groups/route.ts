import { createGroup, listGroups } from '@/lib/scim/scim-groups'
import { scimRoute } from '@/lib/scim/scim-http'

/** SCIM 2.0 Groups (lib/scim): list with filter and paging, create. */
export const GET = scimRoute(listGroups)
export const POST = scimRoute(createGroup)

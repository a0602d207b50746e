import { scimRoute } from '@/lib/scim/scim-http'
import { createUser, listUsers } from '@/lib/scim/scim-users'

/** SCIM 2.0 Users (lib/scim): list with filter and paging, create. */
export const GET = scimRoute(listUsers)
export const POST = scimRoute(createUser)

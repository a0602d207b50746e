import { resourceTypes } from '@/lib/scim/scim-discovery'
import { scimJson, scimRoute } from '@/lib/scim/scim-http'

export const GET = scimRoute(async ({ base }) => scimJson(resourceTypes(base)))

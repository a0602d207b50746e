import { schemas } from '@/lib/scim/scim-discovery'
import { scimJson, scimRoute } from '@/lib/scim/scim-http'

export const GET = scimRoute(async ({ base }) => scimJson(schemas(base)))

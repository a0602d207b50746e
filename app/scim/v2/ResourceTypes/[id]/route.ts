import { resourceType } from '@/lib/scim/scim-discovery'
import { scimJson, scimRoute } from '@/lib/scim/scim-http'

export const GET = scimRoute<{ id: string }>(async ({ base, params }) => scimJson(resourceType(base, params.id)))

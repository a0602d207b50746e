import { serviceProviderConfig } from '@/lib/scim/scim-discovery'
import { scimJson, scimRoute } from '@/lib/scim/scim-http'

/** What this SCIM service supports (RFC 7644 §4). */
export const GET = scimRoute(async ({ base }) => scimJson(serviceProviderConfig(base)))

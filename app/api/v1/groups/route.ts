import { apiRoute } from '@/lib/api/api-route'
import { failureResponse } from '@/lib/api/api-results'
import { createGroupEndpoint, listGroupsEndpoint } from '@/lib/api/endpoints'
import { createGroup } from '@/lib/groups/manage-groups'
import { listGroups } from '@/lib/groups/list-groups'
import { managedGroups } from '@/lib/auth/scope'
import { apiJson, notFoundError } from '@/lib/http/api-response'

/** GET /api/v1/groups: every group by name with its member count (a scoped caller: the groups they manage). */
export const GET = apiRoute(listGroupsEndpoint, async ({ db, actor }) => {
  const all = await listGroups(db, actor.tenantId)
  if (!actor.scoped) return apiJson({ data: all })
  const managed = new Set((await managedGroups(db, actor)).map((g) => g.id))
  return apiJson({ data: all.filter((g) => managed.has(g.id)) })
})

/** POST /api/v1/groups: Settings › Groups' New group (createGroup). */
export const POST = apiRoute(createGroupEndpoint, async ({ db, caller, actor, body }) => {
  const result = await createGroup(db, actor, { name: body.name })
  if (!result.ok) return failureResponse(result)
  const [group] = await listGroups(db, caller.tenantId, result.id)
  return group ? apiJson({ data: group }, 201) : notFoundError()
})

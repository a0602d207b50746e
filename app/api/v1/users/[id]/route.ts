import { z } from 'zod'
import { apiRoute } from '@/lib/api/api-route'
import { failureResponse, missingVersion, pick } from '@/lib/api/api-results'
import { deleteUserEndpoint, getUserEndpoint, updateUserEndpoint } from '@/lib/api/endpoints'
import { apiJson, notFoundError } from '@/lib/http/api-response'
import { apiUserDetail } from '@/lib/users/api-user'
import { runBulkAction } from '@/lib/users/manage-users-bulk'
import { updateUser } from '@/lib/users/manage-users'
import { userInputSchema } from '@/lib/users/user-input'

type Params = { id: string }

/** GET /api/v1/users/{id}: one user of the token's workspace; anything else is 404. */
export const GET = apiRoute<Params>(getUserEndpoint, async ({ db, actor, params }) => {
  const user = await apiUserDetail(db, actor, params.id)
  return user ? apiJson({ data: user }) : notFoundError()
})

/**
 * PATCH /api/v1/users/{id}: the fields sent, over the user's current values,
 * through updateUser (the edit form's rules, version check included).
 */
export const PATCH = apiRoute<Params>(updateUserEndpoint, async ({ db, actor, params, body }) => {
  const current = await apiUserDetail(db, actor, params.id)
  if (!current) return notFoundError()
  const noVersion = missingVersion(body)
  if (noVersion) return noVersion
  const { id: _id, version: _version, ...values } = current
  const changes = pick(body, [...Object.keys(userInputSchema.shape), 'password'])
  const result = await updateUser(db, actor, { ...values, ...changes, id: params.id, version: body.version })
  if (!result.ok) return failureResponse(result)
  const user = await apiUserDetail(db, actor, params.id)
  return user ? apiJson({ data: user }) : notFoundError()
})

/** DELETE /api/v1/users/{id}: the list's Delete (soft), with its rules: not yourself, not the last active admin. */
export const DELETE = apiRoute<Params>(deleteUserEndpoint, async ({ db, actor, params }) => {
  if (!z.uuid().safeParse(params.id).success) return notFoundError()
  const result = await runBulkAction(db, actor, { action: 'delete', ids: [params.id] })
  if (!result.ok) return failureResponse(result)
  return new Response(null, { status: 204 })
})

import { z } from 'zod'
import { extensionNumberSchema } from '@/lib/extensions/extension-input'
import { endpoint, type Endpoint } from './endpoint'
import * as s from './schemas'

/** Every endpoint of /api/v1 but the document itself: the OpenAPI document is built from this list. */

const idParam = (what: string) => ({ id: { description: `The ${what}’s id`, schema: z.uuid() } })
const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema })

export const listUsersEndpoint = endpoint({
  method: 'GET',
  path: '/api/v1/users',
  tag: 'Users',
  summary: 'List users',
  description: 'The users list with the same search, filters, sort and paging as the portal’s URL.',
  permission: 'users.read',
  query: s.userListQuerySchema,
  success: { status: 200, schema: s.userPageSchema, description: 'One page of users' },
  errors: [400, 403],
})

export const createUserEndpoint = endpoint({
  method: 'POST',
  path: '/api/v1/users',
  tag: 'Users',
  summary: 'Create a user',
  permission: 'users.create',
  body: s.userCreateSchema,
  success: { status: 201, schema: data(s.userDetailSchema), description: 'The new user' },
  errors: [400, 403, 422],
})

export const getUserEndpoint = endpoint({
  method: 'GET',
  path: '/api/v1/users/{id}',
  tag: 'Users',
  summary: 'Get a user',
  permission: 'users.read',
  pathParams: idParam('user'),
  success: { status: 200, schema: data(s.userDetailSchema), description: 'The user' },
  errors: [403, 404],
})

export const updateUserEndpoint = endpoint({
  method: 'PATCH',
  path: '/api/v1/users/{id}',
  tag: 'Users',
  summary: 'Change a user',
  description: 'Send the `version` you read: if the user changed since, nothing is saved and the answer is 409.',
  permission: 'users.update',
  pathParams: idParam('user'),
  body: s.userUpdateSchema,
  success: { status: 200, schema: data(s.userDetailSchema), description: 'The user as saved' },
  errors: [400, 403, 404, 409, 422],
})

export const deleteUserEndpoint = endpoint({
  method: 'DELETE',
  path: '/api/v1/users/{id}',
  tag: 'Users',
  summary: 'Delete a user',
  description:
    'A soft delete: the user leaves the list and the directory, their sessions and tokens stop, their extension is freed. Restore brings them back.',
  permission: 'users.delete',
  pathParams: idParam('user'),
  success: { status: 204, schema: null, description: 'Deleted' },
  errors: [403, 404, 409],
})

export const restoreUserEndpoint = endpoint({
  method: 'POST',
  path: '/api/v1/users/{id}/restore',
  tag: 'Users',
  summary: 'Restore a deleted user',
  description:
    '409 when their username or email now belongs to someone else (nothing changes). They come back without their extension if it was taken; `message` says so.',
  permission: 'users.delete',
  pathParams: idParam('deleted user'),
  success: { status: 200, schema: s.restoredSchema, description: 'The restored user' },
  errors: [403, 404, 409],
})

export const listExtensionsEndpoint = endpoint({
  method: 'GET',
  path: '/api/v1/extensions',
  tag: 'Extensions',
  summary: 'List extensions',
  description: 'In number order, 50 a page, each with the user holding it.',
  permission: 'extensions.manage',
  query: s.extensionListQuerySchema,
  success: { status: 200, schema: s.extensionPageSchema, description: 'One page of extensions' },
  errors: [400, 403],
})

export const createExtensionEndpoint = endpoint({
  method: 'POST',
  path: '/api/v1/extensions',
  tag: 'Extensions',
  summary: 'Create an extension',
  description: 'Its SIP password is generated (20 random characters); read it with the reveal endpoint.',
  permission: 'extensions.manage',
  body: s.extensionCreateSchema,
  success: { status: 201, schema: data(s.extensionSchema), description: 'The new extension' },
  errors: [400, 403, 422],
})

export const getExtensionEndpoint = endpoint({
  method: 'GET',
  path: '/api/v1/extensions/{id}',
  tag: 'Extensions',
  summary: 'Get an extension',
  description: 'Never the SIP password: see the reveal endpoint.',
  permission: 'extensions.manage',
  pathParams: idParam('extension'),
  success: { status: 200, schema: data(s.extensionSchema), description: 'The extension' },
  errors: [403, 404],
})

export const updateExtensionEndpoint = endpoint({
  method: 'PATCH',
  path: '/api/v1/extensions/{id}',
  tag: 'Extensions',
  summary: 'Change an extension',
  description: 'Send the `version` you read: if it changed since, nothing is saved and the answer is 409.',
  permission: 'extensions.manage',
  pathParams: idParam('extension'),
  body: s.extensionUpdateSchema,
  success: { status: 200, schema: data(s.extensionSchema), description: 'The extension as saved' },
  errors: [400, 403, 404, 409, 422],
})

export const deleteExtensionEndpoint = endpoint({
  method: 'DELETE',
  path: '/api/v1/extensions/{id}',
  tag: 'Extensions',
  summary: 'Delete an extension',
  description: 'The user holding it (if any) is left without an extension and without force login.',
  permission: 'extensions.manage',
  pathParams: idParam('extension'),
  success: { status: 200, schema: s.messageSchema, description: 'Deleted; the message names the user it was taken from' },
  errors: [403, 404],
})

export const revealSipPasswordEndpoint = endpoint({
  method: 'POST',
  path: '/api/v1/extensions/{id}/sip-password',
  tag: 'Extensions',
  summary: 'Reveal an extension’s SIP password',
  description: 'Every reveal is written to the audit log.',
  permission: 'extensions.manage',
  pathParams: idParam('extension'),
  success: { status: 200, schema: s.sipPasswordSchema, description: 'The SIP password in clear' },
  errors: [403, 404, 409],
})

export const eligibilityEndpoint = endpoint({
  method: 'GET',
  path: '/api/v1/extensions/{number}/eligibility',
  tag: 'Call eligibility',
  summary: 'May this extension take calls now?',
  description:
    'For the PBX, per call. Not allowed when nobody holds the extension (`no_user`), its user was deleted (`user_deleted`) or is inactive (`user_inactive`), or has force login and no live dashboard session (`not_signed_in`). 404 for a number this workspace doesn’t have.',
  permission: 'users.read',
  pathParams: { number: { description: 'The extension number', schema: extensionNumberSchema } },
  success: { status: 200, schema: s.eligibilitySchema, description: 'The answer' },
  errors: [403, 404],
})

export const listGroupsEndpoint = endpoint({
  method: 'GET',
  path: '/api/v1/groups',
  tag: 'Groups',
  summary: 'List groups',
  description: 'Every group of the workspace by name, with its number of members (ids for the users list’s `group` filter).',
  permission: 'users.read',
  success: { status: 200, schema: data(z.array(s.groupSchema)), description: 'The groups' },
  errors: [403],
})

export const createGroupEndpoint = endpoint({
  method: 'POST',
  path: '/api/v1/groups',
  tag: 'Groups',
  summary: 'Create a group',
  permission: 'settings.manage',
  body: s.groupCreateSchema,
  success: { status: 201, schema: data(s.groupSchema), description: 'The new group' },
  errors: [400, 403, 422],
})

export const addGroupMemberEndpoint = endpoint({
  method: 'POST',
  path: '/api/v1/groups/{id}/members',
  tag: 'Groups',
  summary: 'Add a user to a group',
  permission: 'settings.manage',
  pathParams: idParam('group'),
  body: s.groupMemberAddSchema,
  success: { status: 200, schema: data(s.groupSchema), description: 'The group with its new member count' },
  errors: [400, 403, 404, 422],
})

export const removeGroupMemberEndpoint = endpoint({
  method: 'DELETE',
  path: '/api/v1/groups/{id}/members/{userId}',
  tag: 'Groups',
  summary: 'Remove a user from a group',
  permission: 'settings.manage',
  pathParams: { ...idParam('group'), userId: { description: 'The member’s user id', schema: z.uuid() } },
  success: { status: 204, schema: null, description: 'Removed' },
  errors: [403, 404],
})

export const addGroupManagerEndpoint = endpoint({
  method: 'POST',
  path: '/api/v1/groups/{id}/managers',
  tag: 'Groups',
  summary: 'Make a Supervisor or Admin a manager of a group',
  permission: 'settings.manage',
  pathParams: idParam('group'),
  body: s.groupMemberAddSchema,
  success: { status: 204, schema: null, description: 'Added' },
  errors: [400, 403, 404, 422],
})

export const removeGroupManagerEndpoint = endpoint({
  method: 'DELETE',
  path: '/api/v1/groups/{id}/managers/{userId}',
  tag: 'Groups',
  summary: 'Remove a manager of a group',
  permission: 'settings.manage',
  pathParams: { ...idParam('group'), userId: { description: 'The manager’s user id', schema: z.uuid() } },
  success: { status: 204, schema: null, description: 'Removed' },
  errors: [403, 404],
})

export const importUsersEndpoint = endpoint({
  method: 'POST',
  path: '/api/v1/users/import',
  tag: 'Users',
  summary: 'Import users from CSV or Excel',
  description:
    'The body is the file (CSV in UTF-8, or xlsx), with the Users export’s columns. With dryRun=true (the default) nothing is written and every row’s action, changes or errors come back; with dryRun=false the rows are imported in one transaction (all or nothing unless skipErrors=true). The same rules and messages as Users › Import. At most 20 MB and 100,000 rows.',
  permission: 'users.create',
  query: s.userImportQuerySchema,
  fileBody: { types: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], description: 'The file itself' },
  success: { status: 200, schema: s.userImportAnswerSchema, description: 'The preview, or what was imported' },
  errors: [400, 403, 409, 413, 422],
})

export const bulkEditUsersEndpoint = endpoint({
  method: 'POST',
  path: '/api/v1/users/bulk',
  tag: 'Users',
  summary: 'Change fields of many users',
  description:
    'The users list’s bulk Edit: the chosen fields (set) for the listed users (ids) or every user a filter matches. Each user goes through the same rules as PATCH /api/v1/users/{id}: yourself, users with more permissions than you, the last active admin, a profile of another role and force login without an extension are skipped with the reason, the others are changed. Only the fields sent are written. dryRun answers the same and changes nothing.',
  permission: 'users.update',
  body: s.userBulkEditSchema,
  success: { status: 200, schema: s.userBulkEditAnswerSchema, description: 'Every user’s outcome' },
  errors: [400, 403, 422],
})

export const listSessionsEndpoint = endpoint({
  method: 'GET',
  path: '/api/v1/sessions',
  tag: 'Sessions',
  summary: 'List live dashboard sessions',
  description:
    'Who is signed in now: sessions not ended, not expired and not idle past the timeout (the test force login and eligibility use), newest first.',
  permission: 'users.read',
  query: s.sessionListQuerySchema,
  success: { status: 200, schema: s.sessionPageSchema, description: 'One page of sessions' },
  errors: [400, 403, 404],
})

export const endSessionEndpoint = endpoint({
  method: 'DELETE',
  path: '/api/v1/sessions/{id}',
  tag: 'Sessions',
  summary: 'Sign out one session',
  description:
    'Ends the session now: the next eligibility answer for a force-login user is not_signed_in, and the browser’s next request goes to the sign-in page. Your own, or (users.update) a user with no more permissions than yours. Audited.',
  permission: null,
  pathParams: idParam('session'),
  success: { status: 204, schema: null, description: 'Signed out' },
  errors: [403, 404],
})

export const endUserSessionsEndpoint = endpoint({
  method: 'DELETE',
  path: '/api/v1/users/{id}/sessions',
  tag: 'Sessions',
  summary: 'Sign a user out everywhere',
  description:
    'Ends every session of the user now (as Sign out everywhere). Your own, or (users.update) a user with no more permissions than yours.',
  permission: null,
  pathParams: idParam('user'),
  success: { status: 204, schema: null, description: 'Signed out' },
  errors: [403, 404],
})

export const listWebhooksEndpoint = endpoint({
  method: 'GET',
  path: '/api/v1/webhooks',
  tag: 'Webhooks',
  summary: 'List webhooks',
  description:
    'Settings › Webhooks: where the workspace’s events go (never a secret). The events’ bodies are under `webhooks` in this document.',
  permission: 'settings.manage',
  success: { status: 200, schema: data(z.array(s.webhookSchema)), description: 'The webhooks' },
  errors: [403],
})

export const createWebhookEndpoint = endpoint({
  method: 'POST',
  path: '/api/v1/webhooks',
  tag: 'Webhooks',
  summary: 'Create a webhook',
  description:
    'The answer carries the signing secret, once. Events are POSTed as JSON with Switchboard-Signature: t=…,v1=… (HMAC-SHA256 of `t.body`).',
  permission: 'settings.manage',
  body: s.webhookCreateSchema,
  success: { status: 201, schema: s.webhookCreatedSchema, description: 'The new webhook and its secret' },
  errors: [400, 403, 422],
})

export const getWebhookEndpoint = endpoint({
  method: 'GET',
  path: '/api/v1/webhooks/{id}',
  tag: 'Webhooks',
  summary: 'Get a webhook',
  permission: 'settings.manage',
  pathParams: idParam('webhook'),
  success: { status: 200, schema: data(s.webhookSchema), description: 'The webhook' },
  errors: [403, 404],
})

export const updateWebhookEndpoint = endpoint({
  method: 'PATCH',
  path: '/api/v1/webhooks/{id}',
  tag: 'Webhooks',
  summary: 'Change a webhook',
  description: 'Only the fields sent change; an old version gets 409. Enabling it again clears why it was switched off.',
  permission: 'settings.manage',
  pathParams: idParam('webhook'),
  body: s.webhookUpdateSchema,
  success: { status: 200, schema: data(s.webhookSchema), description: 'The webhook' },
  errors: [400, 403, 404, 409, 422],
})

export const deleteWebhookEndpoint = endpoint({
  method: 'DELETE',
  path: '/api/v1/webhooks/{id}',
  tag: 'Webhooks',
  summary: 'Delete a webhook',
  permission: 'settings.manage',
  pathParams: idParam('webhook'),
  success: { status: 204, schema: null, description: 'Deleted: nothing more is sent to it' },
  errors: [403, 404],
})

export const API_ENDPOINTS: Endpoint[] = [
  listUsersEndpoint,
  createUserEndpoint,
  getUserEndpoint,
  updateUserEndpoint,
  deleteUserEndpoint,
  restoreUserEndpoint,
  importUsersEndpoint,
  bulkEditUsersEndpoint,
  listSessionsEndpoint,
  endSessionEndpoint,
  endUserSessionsEndpoint,
  listExtensionsEndpoint,
  createExtensionEndpoint,
  getExtensionEndpoint,
  updateExtensionEndpoint,
  deleteExtensionEndpoint,
  revealSipPasswordEndpoint,
  eligibilityEndpoint,
  listGroupsEndpoint,
  createGroupEndpoint,
  addGroupMemberEndpoint,
  removeGroupMemberEndpoint,
  addGroupManagerEndpoint,
  removeGroupManagerEndpoint,
  listWebhooksEndpoint,
  createWebhookEndpoint,
  getWebhookEndpoint,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
]

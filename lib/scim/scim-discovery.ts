import 'server-only'
import { DEFAULT_RATE_LIMIT } from '@/lib/api/rate-limit'
import { LIST_RESPONSE } from './scim-filter'
import { ScimError } from './scim-http'
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './scim-users'
import { GROUP_SCHEMA } from './scim-groups'

/**
 * What the service provider says of itself (RFC 7644 §4): its features, its
 * resource types, and the attributes of each schema as Switchboard maps them.
 */

export function serviceProviderConfig(base: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: `${base.replace(/\/scim\/v2$/, '')}/api-docs#scim`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 1000 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: `A SCIM token from Settings › Provisioning (SCIM), as Authorization: Bearer scim_…; ${DEFAULT_RATE_LIMIT} requests a minute each.`,
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  }
}

const RESOURCE_TYPES = (base: string) => [
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'A person of the workspace (Agent unless changed in Switchboard).',
    schema: USER_SCHEMA,
    schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
  },
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'A group of the workspace, with its members.',
    schema: GROUP_SCHEMA,
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
  },
]

type Attr = {
  name: string
  type: string
  multiValued?: boolean
  required?: boolean
  caseExact?: boolean
  mutability?: string
  returned?: string
  uniqueness?: string
  description: string
  subAttributes?: Attr[]
}
const attr = (a: Attr): Record<string, unknown> => ({
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...a,
  ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attr) } : {}),
})

const SCHEMAS = (base: string) => [
  {
    id: USER_SCHEMA,
    name: 'User',
    description: 'A Switchboard user.',
    attributes: [
      attr({
        name: 'userName',
        type: 'string',
        required: true,
        uniqueness: 'server',
        description: 'The username, or the provider’s own (an email) kept as sent; unique in the workspace.',
      }),
      attr({
        name: 'name',
        type: 'complex',
        description: 'The full name: formatted, else given and family names.',
        subAttributes: [
          { name: 'formatted', type: 'string', description: 'The full name.' },
          { name: 'givenName', type: 'string', description: 'Given name.' },
          { name: 'familyName', type: 'string', description: 'Family name.' },
        ],
      }),
      attr({ name: 'displayName', type: 'string', description: 'The full name, when name is not sent.' }),
      attr({ name: 'title', type: 'string', description: 'Job title.' }),
      attr({ name: 'active', type: 'boolean', description: 'false deactivates: sessions end at once, API tokens stop.' }),
      attr({
        name: 'emails',
        type: 'complex',
        multiValued: true,
        required: true,
        uniqueness: 'server',
        description: 'The primary (else work, else first) email; unique in the workspace.',
        subAttributes: [
          { name: 'value', type: 'string', description: 'The address.' },
          { name: 'type', type: 'string', description: 'work' },
          { name: 'primary', type: 'boolean', description: 'true' },
        ],
      }),
      attr({
        name: 'phoneNumbers',
        type: 'complex',
        multiValued: true,
        description: 'The mobile number (type mobile), in international format.',
        subAttributes: [
          { name: 'value', type: 'string', description: 'E.164, e.g. +447911123456.' },
          { name: 'type', type: 'string', description: 'mobile' },
        ],
      }),
      attr({
        name: 'groups',
        type: 'complex',
        multiValued: true,
        mutability: 'readOnly',
        description: 'The user’s groups (change them through Groups).',
        subAttributes: [
          { name: 'value', type: 'string', mutability: 'readOnly', description: 'Group id.' },
          { name: 'display', type: 'string', mutability: 'readOnly', description: 'Group name.' },
        ],
      }),
    ],
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${USER_SCHEMA}` },
  },
  {
    id: ENTERPRISE_SCHEMA,
    name: 'EnterpriseUser',
    description: 'Enterprise User extension.',
    attributes: [attr({ name: 'department', type: 'string', description: 'Department.' })],
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${ENTERPRISE_SCHEMA}` },
  },
  {
    id: GROUP_SCHEMA,
    name: 'Group',
    description: 'A Switchboard group.',
    attributes: [
      attr({
        name: 'displayName',
        type: 'string',
        required: true,
        uniqueness: 'server',
        description: 'The group’s name, unique in the workspace (any case).',
      }),
      attr({
        name: 'members',
        type: 'complex',
        multiValued: true,
        description: 'Users in the group, by id.',
        subAttributes: [
          { name: 'value', type: 'string', mutability: 'immutable', description: 'A user’s id.' },
          { name: 'display', type: 'string', mutability: 'readOnly', description: 'Their full name.' },
        ],
      }),
    ],
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${GROUP_SCHEMA}` },
  },
]

const list = (resources: unknown[]) => ({
  schemas: [LIST_RESPONSE],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
})

export const resourceTypes = (base: string) => list(RESOURCE_TYPES(base))
export const schemas = (base: string) => list(SCHEMAS(base))

export function resourceType(base: string, id: string) {
  const found = RESOURCE_TYPES(base).find((r) => r.id === id)
  if (!found) throw new ScimError(404, 'There is no such resource type.')
  return found
}

export function schema(base: string, id: string) {
  const found = SCHEMAS(base).find((s) => s.id === id)
  if (!found) throw new ScimError(404, 'There is no such schema.')
  return found
}

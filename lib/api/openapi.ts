import { z } from 'zod'
import type { Endpoint } from './endpoint'
import { API_ENDPOINTS } from './endpoints'
import { apiErrorSchema, WEBHOOK_EVENT_SCHEMAS } from './schemas'

type JsonSchema = Record<string, unknown>

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request: a body that isn’t a JSON object, or a query parameter out of range',
  401: 'No valid API token (missing, unknown, revoked, expired, or its user inactive or deleted)',
  403: 'The token’s user lacks the permission',
  404: 'No such resource in this workspace',
  409: 'Conflict: a stale version, or a rule about the current state (e.g. the last active admin)',
  413: 'The body is larger than the endpoint takes',
  422: 'Invalid fields: `error.fields` has a message per field',
  429: 'Rate limit reached for this token: see Retry-After',
  500: 'Server error',
}

/**
 * Named schemas (`.meta({ id })`) go to components; everything else inline.
 * Request bodies are described as the client sends them (zod's input side),
 * answers as the server writes them.
 */
function schemaOf(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const generated = JSON.stringify(z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }))
  // zod points at its own $defs; in the document they live under components.
  const json = JSON.parse(generated.replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema & {
    $defs?: Record<string, JsonSchema>
  }
  const { $schema: _, $defs, ...rest } = json
  for (const [id, def] of Object.entries($defs ?? {})) components[id] = def
  const id = z.globalRegistry.get(schema)?.id
  if (id) {
    // A named root comes back either whole or as a $ref to its own entry in $defs.
    if (rest.$ref !== `#/components/schemas/${id}`) components[id] = rest
    return { $ref: `#/components/schemas/${id}` }
  }
  return rest
}

function queryParameters(query: z.ZodObject, components: Record<string, JsonSchema>) {
  return Object.entries(query.shape).map(([name, field]) => {
    const schema = schemaOf(field as z.ZodType, 'input', components)
    const isArray = (schema as { type?: string }).type === 'array'
    return {
      name,
      in: 'query',
      required: false,
      schema,
      ...(isArray ? { style: 'form', explode: true } : {}),
      description: (field as z.ZodType).description,
    }
  })
}

function operation(e: Endpoint, components: Record<string, JsonSchema>) {
  const responses: Record<string, unknown> = {
    [e.success.status]: e.success.schema
      ? {
          description: e.success.description,
          content: { 'application/json': { schema: schemaOf(e.success.schema, 'output', components) } },
        }
      : { description: e.success.description },
  }
  for (const status of [...e.errors, 401, 429, 500].sort()) {
    responses[status] = {
      description: ERROR_TEXT[status],
      ...(status === 429
        ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds until the next minute starts' } } }
        : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    }
  }
  return {
    operationId: `${e.method.toLowerCase()}${e.path
      .replace(/^\/api\/v1/, '')
      .replace(/\{(\w)(\w*)\}/g, (_, a: string, b: string) => `By${a.toUpperCase()}${b}`)
      .replace(/(^|[/-])(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
    tags: [e.tag],
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    ...(e.permission ? { 'x-permission': e.permission } : {}),
    parameters: [
      ...Object.entries(e.pathParams ?? {}).map(([name, p]) => ({
        name,
        in: 'path',
        required: true,
        description: p.description,
        schema: schemaOf(p.schema, 'input', components),
      })),
      ...(e.query ? queryParameters(e.query, components) : []),
    ],
    ...(e.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(e.body, 'input', components) } } } }
      : {}),
    ...(e.fileBody
      ? {
          requestBody: {
            required: true,
            description: e.fileBody.description,
            content: Object.fromEntries(e.fileBody.types.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])),
          },
        }
      : {}),
    responses,
  }
}

/** The OpenAPI 3.1 document of /api/v1, built from the endpoint list and its zod schemas. */
export function openApiDocument(serverUrl = '/') {
  return { ...documentBody(), servers: [{ url: serverUrl }] }
}

// The document depends on the code only: built once per process, not per request.
let built: ReturnType<typeof buildDocument> | null = null
const documentBody = () => (built ??= buildDocument())

function buildDocument() {
  const components: Record<string, JsonSchema> = {}
  schemaOf(apiErrorSchema, 'output', components)
  const paths: Record<string, Record<string, unknown>> = {
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        tags: ['Documentation'],
        summary: 'This document',
        security: [],
        responses: { 200: { description: 'The OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  }
  for (const e of API_ENDPOINTS) (paths[e.path] ??= {})[e.method.toLowerCase()] = operation(e, components)
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: '1.0.0',
      description:
        'The tenant admin API of Switchboard. Send an API token (My account › API tokens, or a user’s page) as `Authorization: Bearer sb_…`: a request acts as the token’s user, with their permissions (`x-permission` on each operation), in their workspace only. Every error has the shape `{ "error": { "code", "message", "fields"? } }`. Each token may make a limited number of requests a minute (429 and Retry-After past it).',
    },
    security: [{ bearer: [] }],
    tags: [
      { name: 'Users' },
      { name: 'Extensions' },
      { name: 'Call eligibility' },
      { name: 'Groups' },
      { name: 'Webhooks' },
      { name: 'Documentation' },
    ],
    paths,
    // What Switchboard POSTs to a webhook's URL, one entry per event type (OpenAPI 3.1's webhooks).
    webhooks: Object.fromEntries(
      Object.entries(WEBHOOK_EVENT_SCHEMAS).map(([type, schema]) => [
        type,
        {
          post: {
            operationId: `event_${type.replace('.', '_')}`,
            tags: ['Webhooks'],
            summary: type,
            description: schema.description,
            parameters: [
              {
                name: 'Switchboard-Signature',
                in: 'header',
                required: true,
                description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">',
                schema: { type: 'string' },
              },
              { name: 'Switchboard-Event-Id', in: 'header', required: true, schema: { type: 'string' } },
              { name: 'Switchboard-Event-Type', in: 'header', required: true, schema: { type: 'string' } },
            ],
            requestBody: { required: true, content: { 'application/json': { schema: schemaOf(schema, 'output', components) } } },
            responses: { 200: { description: 'Any 2xx: delivered. Anything else, or no answer in 10 s: retried for 24 hours.' } },
          },
        },
      ]),
    ),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token, sb_…' } },
      schemas: components,
    },
  }
}

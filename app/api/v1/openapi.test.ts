import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { API_ENDPOINTS } from '@/lib/api/endpoints'
import { routeHandlers } from '@/testing/route-handlers'
import { GET } from './openapi.json/route'

/** Every `METHOD /path` the code under app/api/v1 answers, dynamic segments as `{}`. */
const routesInCode = () =>
  routeHandlers()
    .filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'))
    .map((r) => r.replace(/\{[^}]+\}/g, '{}'))
    .sort()

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const response = GET(new Request('http://localhost/api/v1/openapi.json'))
    expect(response.status).toBe(200)
    const doc = await response.json()
    expect(doc.openapi).toBe('3.1.0')
    const result = await new Validator().validate(doc)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    // Named schemas are defined, not references to themselves.
    for (const [id, schema] of Object.entries(doc.components.schemas as Record<string, { $ref?: string }>))
      expect(schema.$ref, id).not.toBe(`#/components/schemas/${id}`)
  })

  it('describes exactly the routes that exist under app/api/v1, method by method', async () => {
    const doc = await GET(new Request('http://localhost/api/v1/openapi.json')).json()
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{[^}]+\}/g, '{}')}`))
      .sort()
    expect(documented).toEqual(routesInCode())
  })

  it('documents each endpoint’s permission, body and errors from the endpoint list', async () => {
    const doc = await GET(new Request('http://localhost/api/v1/openapi.json')).json()
    for (const e of API_ENDPOINTS) {
      const op = doc.paths[e.path][e.method.toLowerCase()]
      expect(op['x-permission'] ?? null, `${e.method} ${e.path}`).toBe(e.permission)
      expect(!!op.requestBody, `${e.method} ${e.path}`).toBe(!!(e.body || e.fileBody))
      for (const status of [...e.errors, 401, 429, 500]) expect(op.responses[status], `${e.method} ${e.path} ${status}`).toBeTruthy()
    }
    // The create-user body is the form's schema: a rule added there shows here.
    const create = doc.components.schemas.UserCreate
    expect(create.properties.username.pattern).toBe('^[a-z0-9._-]{3,32}$')
    expect(create.required).toEqual(expect.arrayContaining(['fullName', 'email', 'username', 'role']))
    // A password, or an invitation instead (issue 18): neither is required on its own.
    expect(create.required).not.toContain('password')
    expect(create.properties.sendInvitation.type).toBe('boolean')
  })
})

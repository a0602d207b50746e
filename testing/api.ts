/** Helpers for the API tests: call a route handler as a client would, with a real token of a real user. */
import { expect } from 'vitest'
import type { z } from 'zod'
import type { Db } from '@/db/client'
import { createApiToken } from '@/lib/api-tokens/manage-tokens'
import { effectivePermissions } from '@/lib/auth/permissions'
import type { TestWorkspace } from '@/testing/fixtures'

type Handler = (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>

/** A new API token of `ownerId`, made by the workspace's admin. */
export async function apiTokenOf(db: Db, ws: TestWorkspace, ownerId: string): Promise<string> {
  const result = await createApiToken(
    db,
    { userId: ws.admin.id, tenantId: ws.tenantId, label: 'test', permissions: effectivePermissions('Admin', null) },
    { ownerId, name: 'test' },
  )
  if (!result.ok) throw new Error(`token: ${JSON.stringify(result)}`)
  return result.token
}

export interface ApiAnswer {
  status: number
  headers: Headers
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers by path
  body: any
}

/** Calls `handler` like Next.js would for `method path` (params are the route's dynamic segments). */
export async function callApi(
  handler: unknown,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; params?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {}
  if (options.token) headers.authorization = `Bearer ${options.token}`
  const hasBody = options.body !== undefined || options.rawBody !== undefined
  if (hasBody) headers['content-type'] = 'application/json'
  const request = new Request(`http://localhost${path}`, {
    method,
    headers,
    body: hasBody ? (options.rawBody ?? JSON.stringify(options.body)) : undefined,
  })
  const response = await (handler as Handler)(request, { params: Promise.resolve(options.params ?? {}) })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null }
}

/** The answer has this status and, on success, matches the endpoint's documented schema (the OpenAPI document says what the API does). */
export function expectAnswer(answer: ApiAnswer, status: number, schema?: z.ZodType | null) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status)
  if (schema) {
    const parsed = schema.safeParse(answer.body)
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true)
  }
}

/** An error answer: status, code, and (422) the field messages. */
export function expectError(answer: ApiAnswer, status: number, code: string, fields?: Record<string, unknown>) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status)
  expect(answer.body.error.code).toBe(code)
  expect(typeof answer.body.error.message).toBe('string')
  if (fields) expect(answer.body.error.fields).toMatchObject(fields)
}

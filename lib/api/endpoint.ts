import type { z } from 'zod'
import type { Permission } from '@/lib/auth/permissions'

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/**
 * One API endpoint as the OpenAPI document describes it and as its route
 * handler runs it (apiRoute reads `permission` and whether there is a body):
 * the document is generated from these, so the two can't drift.
 */
export interface Endpoint {
  method: HttpMethod
  /** OpenAPI path, e.g. `/api/v1/users/{id}`. */
  path: string
  tag: 'Users' | 'Sessions' | 'Extensions' | 'Groups' | 'Call eligibility' | 'Webhooks'
  summary: string
  description?: string
  /** null: any valid token. */
  permission: Permission | null
  pathParams?: Record<string, { description: string; schema: z.ZodType }>
  query?: z.ZodObject
  /** The JSON body, validated by the same schema the UI's server action uses. */
  body?: z.ZodType
  /** A file as the whole body instead (its media types); the handler reads it. */
  fileBody?: { types: string[]; description: string }
  /** The success status and its body (null: no body). */
  success: { status: 200 | 201 | 204; schema: z.ZodType | null; description: string }
  /** Error statuses it can answer besides 401, 429 and 500 (every endpoint can). */
  errors: (400 | 403 | 404 | 409 | 413 | 422)[]
}

export const endpoint = (e: Endpoint): Endpoint => e

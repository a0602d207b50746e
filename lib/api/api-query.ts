import 'server-only'
import type { z } from 'zod'
import { badRequest } from '@/lib/http/api-response'

/**
 * Checks query parameters against the endpoint's schema: null when they are
 * fine, else a 400 naming the first bad one. Repeated keys and comma lists are
 * arrays (`role=Admin&role=Agent`, `role=Admin,Agent`), as in the portal's URLs.
 */
export function parseApiQuery(schema: z.ZodObject, search: URLSearchParams): Response | null {
  const raw: Record<string, unknown> = {}
  for (const key of new Set(search.keys())) {
    const field = schema.shape[key] as z.ZodType | undefined
    if (!field) return badRequest(`Unknown query parameter “${key}”.`)
    const values = search
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean)
    raw[key] = field.safeParse([]).success || field.safeParse(values).success ? values : search.get(key)
  }
  const parsed = schema.safeParse(raw)
  if (parsed.success) return null
  const issue = parsed.error.issues[0]!
  return badRequest(`Query parameter “${String(issue.path[0])}”: ${issue.message}`)
}

import type { z } from 'zod'

/** The first message for each top-level field of a failed parse, for showing next to the fields. */
export function fieldErrorsOf<K extends string>(error: z.ZodError): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as K
    if (field && !out[field]) out[field] = issue.message
  }
  return out
}

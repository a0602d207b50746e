import 'server-only'
import { notFound } from 'next/navigation'

/**
 * A server action is a public endpoint: anyone can call it with any
 * arguments, not only the form the page rendered. These check the shape of
 * what arrived before anything reads it, so a wrong type is a 404 (as for an
 * id that doesn't exist), never a TypeError and a 500.
 */

export function formDataArg(value: unknown): FormData {
  if (value instanceof FormData) return value
  notFound()
}

/** A bound id: a string (lib checks it names something of the caller's workspace). */
export function idArg(value: unknown): string {
  if (typeof value === 'string' && value.length <= 100) return value
  notFound()
}

/** The form-state counter a client sent back, or 0 when it sent something else. */
export function submissionOf(previous: unknown): number {
  const n = previous && typeof previous === 'object' ? (previous as { submission?: unknown }).submission : undefined
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : 0
}

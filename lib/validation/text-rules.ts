/* Text rules with no dependency: the browser bundle uses them too (the users list's URL parsing). */
/**
 * One rule for every piece of text a person or a client sends (form fields,
 * JSON bodies, query parameters). PostgreSQL text can't hold NUL, other C0
 * controls have no business in a name, ill-formed UTF-16 (a lone surrogate)
 * can't be stored faithfully, and bidi override controls make a name display
 * as something else ("Trojan Source"). Each is refused with a message on the
 * field, never a 500.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
// C0 controls and DEL; multi-line text keeps tab, newline and carriage return.
const CONTROL_SINGLE = /[\u0000-\u001F\u007F]/
const CONTROL_MULTI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/

export const TEXT_MESSAGES = {
  illFormed: 'This text has broken characters (invalid Unicode): type it again.',
  control: 'Remove the control characters (such as NUL) from this text.',
  bidi: 'Remove the text-direction control characters from this text.',
} as const

/** What is wrong with `value` as text, or null. */
export function textProblem(value: string, multiline = false): string | null {
  if (LONE_SURROGATE.test(value)) return TEXT_MESSAGES.illFormed
  if ((multiline ? CONTROL_MULTI : CONTROL_SINGLE).test(value)) return TEXT_MESSAGES.control
  if (!multiline && BIDI_CONTROL.test(value)) return TEXT_MESSAGES.bidi
  return null
}

/**
 * A search term from a URL, for pages that fall back quietly instead of
 * refusing: the first value of a repeated parameter, controls and broken
 * characters turned into spaces, trimmed and capped.
 */
export function searchTerm(value: unknown, max = 200): string {
  const first = Array.isArray(value) ? value[0] : value
  if (typeof first !== 'string') return ''
  return first
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), ' ')
    .replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, ' ')
    .trim()
    .slice(0, max)
}

/**
 * OWASP CSV injection: a cell starting with = + - @, tab, CR or NUL would be
 * read as a formula by a spreadsheet; a leading apostrophe makes it text.
 * A value that already starts with apostrophes before such a character gets
 * one more, so `restoreNeutralised` undoes exactly what this did: an export
 * imported again is unchanged.
 */
export function neutralise(value: string): string {
  return /^'*[=+\-@\t\r\0]/.test(value) ? `'${value}` : value
}

/** The value a neutralised cell stood for (import): one leading apostrophe before a formula character is dropped. */
export function restoreNeutralised(value: string): string {
  return /^'+[=+\-@\t\r\0]/.test(value) ? value.slice(1) : value
}

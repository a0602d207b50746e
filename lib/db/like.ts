/** `term` with LIKE's wildcards and escape character escaped, to match literally. */
export const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`)

/** LIKE pattern that matches `term` literally anywhere (lower-cased, for the lower-cased search text). */
export function containsPattern(term: string): string {
  return `%${escapeLike(term.toLowerCase())}%`
}

import { sql, type SQL } from 'drizzle-orm'

/**
 * `(SELECT … FROM jsonb_array_elements_text($1))`: a list of any length as
 * ONE parameter, for `column IN ${jsonList(values)}`. Drizzle expands an array
 * into one parameter per element, and PostgreSQL takes at most 65,535 (an
 * import checks 100,000 usernames at once). `as` casts the elements so the
 * column's index is used.
 */
export function jsonList(values: readonly string[], as: 'text' | 'uuid' = 'text'): SQL {
  const json = JSON.stringify(values)
  return as === 'uuid'
    ? sql`(SELECT value::uuid FROM jsonb_array_elements_text(${json}::jsonb))`
    : sql`(SELECT value FROM jsonb_array_elements_text(${json}::jsonb))`
}

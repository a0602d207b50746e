/**
 * Why a lib operation refused, where a message alone won't do: the API turns
 * `not_found` into 404 and `stale` (a change based on an old version) into 409.
 */
export type FailureReason = 'not_found' | 'stale'

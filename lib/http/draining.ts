/**
 * Whether this instance is shutting down (scripts/serve.ts sets it on
 * SIGTERM; /api/health then answers 503 so the balancer drains it). Kept on
 * globalThis: the server and Next's bundled routes are one process.
 */
const key = Symbol.for('switchboard.draining')
type WithDraining = typeof globalThis & { [key]?: boolean }

export const isDraining = () => (globalThis as WithDraining)[key] === true
export const startDraining = () => {
  ;(globalThis as WithDraining)[key] = true
}

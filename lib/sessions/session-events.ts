import 'server-only'
import { getDbHandle } from '@/db/client'
import type { Permission } from '@/lib/auth/permissions'

/** The channel migration 0019's trigger notifies, with the workspace id as payload. */
const CHANNEL = 'switchboard_sessions'

type Listener = () => void
interface Hub {
  listeners: Map<string, Set<Listener>>
  started: Promise<void> | null
}

// One per process, whichever bundle (page, route handler) asks first: Next may load this module more than once.
const hub: Hub = ((globalThis as { __switchboardSessionHub?: Hub }).__switchboardSessionHub ??= { listeners: new Map(), started: null })

function startListening(): Promise<void> {
  hub.started ??= getDbHandle()
    .then((handle) =>
      handle.listen(CHANNEL, (tenantId) => {
        for (const listener of hub.listeners.get(tenantId) ?? []) listener()
      }),
    )
    .then(() => undefined)
    .catch((error: unknown) => {
      // The next subscriber tries again; until then boards fall back to their periodic refresh.
      hub.started = null
      console.error('[sessions] could not LISTEN:', (error as Error).message)
    })
  return hub.started
}

/**
 * Calls `listener` whenever a dashboard session of the workspace opens or
 * ends, on any app instance (PostgreSQL LISTEN/NOTIFY; PGlite's own). Resolves
 * once listening; returns the unsubscribe function.
 */
export async function onSessionsChanged(tenantId: string, listener: Listener): Promise<() => void> {
  const set = hub.listeners.get(tenantId) ?? new Set()
  set.add(listener)
  hub.listeners.set(tenantId, set)
  await startListening()
  return () => {
    set.delete(listener)
    if (set.size === 0) hub.listeners.delete(tenantId)
  }
}

/**
 * Reports › Signed in now's live channel: `reports.read`, the viewer's own
 * workspace only. Null: not theirs to watch (the route answers 404).
 */
export async function watchSignedInBoard(
  viewer: { tenantId: string; permissions: ReadonlySet<Permission> },
  listener: Listener,
): Promise<(() => void) | null> {
  if (!viewer.permissions.has('reports.read')) return null
  return onSessionsChanged(viewer.tenantId, listener)
}

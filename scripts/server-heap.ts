import { ConfigError } from '@/lib/config/secrets'

/** What the server's heap is bounded to when nothing says otherwise, in MB. */
export const DEFAULT_SERVER_HEAP_MB = 1024

/**
 * The server's V8 heap limit, as Node flags. V8 sizes its heap from the
 * machine's memory (about 4 GB on a 24 GB machine) and lets garbage pile up
 * toward that before a full collection: a streamed export of a million users
 * grew the server by 411 MB of garbage (in one process, the same export holds
 * under 100 MB live). A bound makes an instance's memory what it was sized
 * for: SERVER_HEAP_MB (set it to about ¾ of an instance's memory), unless
 * NODE_OPTIONS already says --max-old-space-size.
 */
export function serverHeapFlags(env: Record<string, string | undefined>): string[] {
  if (/--max-old-space-size\b/.test(env.NODE_OPTIONS ?? '')) return []
  const raw = env.SERVER_HEAP_MB?.trim() || String(DEFAULT_SERVER_HEAP_MB)
  const mb = Number(raw)
  if (!/^\d+$/.test(raw) || mb < 256)
    throw new ConfigError(`SERVER_HEAP_MB must be a whole number of megabytes, at least 256 (got "${raw}").`)
  return [`--max-old-space-size=${mb}`]
}

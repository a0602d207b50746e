import 'server-only'
import { z } from 'zod'
import type { Queryable } from '@/db/client'
import { findExtension } from './list-extensions'

type Holder = { userId: string | null; userName: string | null; username: string | null }
const holder = (r: Holder) => (r.userId ? { id: r.userId, fullName: r.userName ?? '', username: r.username ?? '' } : null)

/** One extension as the API shows it (never the SIP password or PIN), or null (not this workspace's, or no id at all). */
export async function apiExtensionDetail(db: Queryable, tenantId: string, id: string) {
  if (!z.uuid().safeParse(id).success) return null
  const row = await findExtension(db, tenantId, id)
  if (!row) return null
  const { userId: _u, userName: _n, username: _un, ...rest } = row
  return { ...rest, user: holder(row) }
}

/** A row of listExtensions as the API shows it. */
export function apiExtensionSummary(
  row: { id: string; number: string; type: 'WebRTC' | 'SIP'; voicemailEnabled: boolean; hasSipPassword: boolean } & Holder,
) {
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    voicemailEnabled: row.voicemailEnabled,
    hasSipPassword: row.hasSipPassword,
    user: holder(row),
  }
}

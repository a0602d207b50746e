import 'server-only'
import type { Queryable } from '@/db/client'
import { loginEvents, type LoginOutcome } from '@/db/schema'
import type { ClientInfo } from '@/lib/http/client-info'

export type SignInFactor = 'password' | 'totp' | 'recovery_code' | 'passkey' | 'invitation' | 'sso'

export interface LoginEventInput {
  tenantId: string
  userId: string | null
  identifier?: string
  kind: 'sign_in' | 'sign_out'
  outcome: LoginOutcome
  /** How a sign-in was proven or tried (`password`, `totp`, `recovery_code`, `passkey`, `invitation`, `sso`: the identity provider). */
  factor?: SignInFactor
  client: ClientInfo
}

export async function recordLoginEvent(db: Queryable, input: LoginEventInput): Promise<void> {
  await db.insert(loginEvents).values({
    tenantId: input.tenantId,
    userId: input.userId,
    identifier: (input.identifier ?? '').slice(0, 254),
    kind: input.kind,
    outcome: input.outcome,
    factor: input.factor ?? null,
    ip: input.client.ip,
    userAgent: input.client.userAgent,
  })
}

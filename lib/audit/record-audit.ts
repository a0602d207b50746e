import 'server-only'
import type { Queryable } from '@/db/client'
import { auditEntries } from '@/db/schema'

/** Who an audit entry names: an Actor (lib/auth/actor.ts), or the CLI operator or the system (no user). */
export interface AuditAuthor {
  userId: string | null
  /** The identity provider (lib/auth/actor.ts): recorded by its label, as no user. */
  provisioning?: true
  /** Shown in the audit log: a username, or e.g. `operator (cli)`. */
  label: string
  ip?: string | null
}

/** The user behind an action, for columns that name one (the audit's actor, who deleted): null for the identity provider. */
export const actingUserId = (actor: AuditAuthor): string | null => (actor.provisioning ? null : actor.userId)

/** Every action the audit log records (the Audit log page names them). */
export const AUDIT_ACTIONS = [
  'workspace.create',
  'workspace.update',
  'user.create',
  'user.update',
  'user.password_change',
  'user.activate',
  'user.deactivate',
  'user.delete',
  'user.restore',
  'user.sign_out',
  'user.invite',
  'user.password_reset_send',
  'user.two_factor_on',
  'user.two_factor_off',
  'user.two_factor_reset',
  'user.passkey_add',
  'user.passkey_remove',
  'mail.test',
  'token.create',
  'token.revoke',
  'extension.create',
  'extension.create_range',
  'extension.update',
  'extension.delete',
  'extension.sip_reveal',
  'profile.create',
  'profile.update',
  'profile.delete',
  'group.create',
  'group.update',
  'group.delete',
  'group.add_member',
  'group.remove_member',
  'group.add_manager',
  'group.remove_manager',
  'directory.regenerate',
  'users.export',
  'users.import',
  'extensions.import',
  'reports.users.export',
  'sso.update',
  'sso.remove',
  'scim.token_create',
  'scim.token_revoke',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'webhook.secret_reveal',
  'webhook.secret_rotate',
  'webhook.test',
  'webhook.redeliver',
  'webhook.disable',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditInput {
  tenantId: string
  actor: AuditAuthor
  action: AuditAction
  entityType: string
  entityId?: string | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

const SECRET_KEY = /password|secret|token|pin|hash|ciphertext/i

/** Replaces every secret-looking field, at any depth, before it is stored. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (value instanceof Date) return value.toISOString()
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && v !== null && v !== undefined ? '[redacted]' : redact(v),
      ]),
    )
  }
  return value
}

export async function recordAudit(db: Queryable, input: AuditInput): Promise<void> {
  await db.insert(auditEntries).values(auditRow(input))
}

const auditRow = (input: AuditInput) => ({
  tenantId: input.tenantId,
  actorUserId: actingUserId(input.actor),
  actorLabel: input.actor.label,
  action: input.action,
  entityType: input.entityType,
  entityId: input.entityId ?? null,
  before: input.before ? (redact(input.before) as Record<string, unknown>) : null,
  after: input.after ? (redact(input.after) as Record<string, unknown>) : null,
  ip: input.actor.ip ?? null,
})

/** Many entries in a few statements (an import writes one per user): the same rows recordAudit would write. */
export async function recordAudits(db: Queryable, inputs: readonly AuditInput[]): Promise<void> {
  const BATCH = 1000
  for (let i = 0; i < inputs.length; i += BATCH) {
    await db.insert(auditEntries).values(inputs.slice(i, i + BATCH).map(auditRow))
  }
}

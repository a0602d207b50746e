import 'server-only'
import crypto from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { extensions, users } from '@/db/schema'
import { recordAudit } from '@/lib/audit/record-audit'
import type { Actor } from '@/lib/auth/actor'
import { hashPassword } from '@/lib/auth/passwords'
import type { Keyring } from '@/lib/crypto/keyring'
import { generateSecret } from '@/lib/crypto/secret-box'
import { isUniqueViolation } from '@/db/errors'
import { fieldErrorsOf } from '@/lib/validation/field-errors'
import { conflict, forbidden, invalid, notFound, refuse, type Result } from '@/lib/validation/result'
import {
  extensionInputSchema,
  extensionRangeSchema,
  rangeNumbers,
  sipPasswordSchema,
  type ExtensionField,
  type ExtensionInput,
} from './extension-input'
import { appKeyring, openSipSecret, sealSipSecret } from '@/lib/crypto/sip-secret'

type FieldErrors = Partial<Record<ExtensionField, string>>
export type SaveExtensionResult = Result<{ id: string }, ExtensionField | 'sipPassword'>

const GONE = 'This extension no longer exists.'
const may = (actor: Actor) => actor.permissions.has('extensions.manage')
const numberTaken = (number: string): FieldErrors => ({ number: `Extension ${number} exists already in this workspace.` })

/** What the audit log keeps of an extension: never the SIP password or the PIN (the import writes the same). */
export const auditView = (input: Pick<ExtensionInput, 'number' | 'type' | 'voicemailEnabled' | 'voicemailEmail'>) => ({
  number: input.number,
  type: input.type,
  voicemailEnabled: input.voicemailEnabled,
  voicemailEmail: input.voicemailEmail,
})

/** Voicemail on needs a PIN: the one typed now, or one stored before. */
export function voicemailErrors(input: ExtensionInput, hasStoredPin: boolean): FieldErrors {
  return input.voicemailEnabled && !input.voicemailPin && !hasStoredPin ? { voicemailPin: 'Set a PIN to turn voicemail on.' } : {}
}

/** Creates an extension (`extensions.manage`) with a generated SIP password of 20 random characters. */
export async function createExtension(db: Db, actor: Actor, raw: unknown, ring: Keyring = appKeyring()): Promise<SaveExtensionResult> {
  if (!may(actor)) return forbidden()
  const parsed = extensionInputSchema.safeParse(raw)
  if (!parsed.success) return invalid(fieldErrorsOf<ExtensionField>(parsed.error))
  const input = parsed.data
  const pinErrors = voicemailErrors(input, false)
  if (Object.keys(pinErrors).length) return invalid(pinErrors)
  const id = crypto.randomUUID()
  const pinHash = input.voicemailPin ? await hashPassword(input.voicemailPin) : null
  try {
    return await db.transaction(async (tx) => {
      await tx.insert(extensions).values({
        tenantId: actor.tenantId,
        id,
        number: input.number,
        type: input.type,
        voicemailEnabled: input.voicemailEnabled,
        voicemailPinHash: pinHash,
        voicemailEmail: input.voicemailEmail || null,
        // Bound to this tenant and id (AAD): the ciphertext opens nowhere else.
        ...sealSipSecret(ring, actor.tenantId, id, generateSecret(20)),
      })
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'extension.create',
        entityType: 'extension',
        entityId: id,
        after: auditView(input),
      })
      return { ok: true as const, id }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'extensions_tenant_number_key')) return invalid(numberTaken(input.number))
    throw error
  }
}

/**
 * Saves an edit (`id`, made from `version`, with the form's fields). An empty PIN keeps the stored one; a
 * `sipPassword` replaces the SIP password (the phone must be re-provisioned).
 */
export async function updateExtension(
  db: Db,
  actor: Actor,
  raw: { id: unknown; version: unknown; sipPassword?: unknown } & Record<string, unknown>,
  ring: Keyring = appKeyring(),
): Promise<SaveExtensionResult> {
  if (!may(actor)) return forbidden()
  const id = z.uuid().safeParse(raw.id)
  const version = z.coerce.number().int().min(1).safeParse(raw.version)
  const rawSipPassword = raw.sipPassword
  if (!id.success) return notFound(GONE)
  if (!version.success) return conflict('This form is out of date: reload the page and try again.')
  const parsed = extensionInputSchema.safeParse(raw)
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsOf<ExtensionField>(parsed.error)
  const newSip = typeof rawSipPassword === 'string' && rawSipPassword !== '' ? sipPasswordSchema.safeParse(rawSipPassword) : null
  if (newSip && !newSip.success) fieldErrors.sipPassword = newSip.error.issues[0]?.message
  if (!parsed.success || Object.keys(fieldErrors).length) return invalid(fieldErrors)
  const input = parsed.data
  const pinHash = input.voicemailPin ? await hashPassword(input.voicemailPin) : null
  try {
    return await db.transaction(async (tx): Promise<SaveExtensionResult> => {
      const [current] = await tx
        .select()
        .from(extensions)
        .where(and(eq(extensions.tenantId, actor.tenantId), eq(extensions.id, id.data)))
        .for('update')
      if (!current) return notFound(GONE)
      if (current.version !== version.data) {
        return refuse(
          'stale',
          'Someone else changed this extension while you were editing. Nothing was saved: reload to see the current values.',
        )
      }
      const pinErrors = voicemailErrors(input, current.voicemailPinHash !== null)
      if (Object.keys(pinErrors).length) return invalid(pinErrors)
      await tx
        .update(extensions)
        .set({
          number: input.number,
          type: input.type,
          voicemailEnabled: input.voicemailEnabled,
          voicemailEmail: input.voicemailEmail || null,
          ...(pinHash ? { voicemailPinHash: pinHash } : {}),
          ...(newSip?.success ? sealSipSecret(ring, actor.tenantId, id.data, newSip.data) : {}),
          version: sql`${extensions.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(extensions.tenantId, actor.tenantId), eq(extensions.id, id.data)))
      const before = {
        number: current.number,
        type: current.type,
        voicemailEnabled: current.voicemailEnabled,
        voicemailEmail: current.voicemailEmail ?? '',
      }
      const after = auditView(input)
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k])
      if (changed.length || pinHash || newSip) {
        await recordAudit(tx, {
          tenantId: actor.tenantId,
          actor,
          action: 'extension.update',
          entityType: 'extension',
          entityId: id.data,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: {
            ...Object.fromEntries(changed.map((k) => [k, after[k]])),
            ...(pinHash ? { voicemailPin: 'changed' } : {}),
            ...(newSip ? { sipPassword: 'changed' } : {}),
          },
        })
      }
      return { ok: true, id: id.data }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'extensions_tenant_number_key')) return invalid(numberTaken(input.number))
    throw error
  }
}

/** The SIP password in clear, for an admin who asked to see it; every reveal is audited. */
export async function revealSipPassword(
  db: Db,
  actor: Actor,
  input: { id: unknown },
  ring: Keyring = appKeyring(),
): Promise<Result<{ password: string }>> {
  if (!may(actor)) return forbidden()
  const id = z.uuid().safeParse(input.id)
  if (!id.success) return notFound(GONE)
  const [row] = await db
    .select({ ciphertext: extensions.sipSecretCiphertext, keyId: extensions.sipSecretKeyId, number: extensions.number })
    .from(extensions)
    .where(and(eq(extensions.tenantId, actor.tenantId), eq(extensions.id, id.data)))
  if (!row) return notFound(GONE)
  if (!row.ciphertext || !row.keyId) return conflict('This extension has no SIP password: set one below.')
  const password = openSipSecret(ring, actor.tenantId, id.data, { ciphertext: row.ciphertext, keyId: row.keyId })
  await recordAudit(db, {
    tenantId: actor.tenantId,
    actor,
    action: 'extension.sip_reveal',
    entityType: 'extension',
    entityId: id.data,
    after: { number: row.number },
  })
  return { ok: true, password }
}

/** Deletes an extension; the user holding it (if any) is unlinked and loses force login, and the audit says who. */
export async function deleteExtension(db: Db, actor: Actor, input: { id: unknown }): Promise<Result<{ message: string }>> {
  if (!may(actor)) return forbidden()
  const id = z.uuid().safeParse(input.id)
  if (!id.success) return notFound(GONE)
  return db.transaction(async (tx): Promise<Result<{ message: string }>> => {
    const [row] = await tx
      .select({ number: extensions.number })
      .from(extensions)
      .where(and(eq(extensions.tenantId, actor.tenantId), eq(extensions.id, id.data)))
      .for('update')
    if (!row) return notFound(GONE)
    const unlinked = await tx
      .update(users)
      .set({ extensionId: null, forceLogin: false, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.extensionId, id.data)))
      .returning({ id: users.id, username: users.username })
    // A deleted user remembering this extension for a restore forgets it.
    await tx
      .update(users)
      .set({ deletedExtensionId: null })
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.deletedExtensionId, id.data)))
    await tx.delete(extensions).where(and(eq(extensions.tenantId, actor.tenantId), eq(extensions.id, id.data)))
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'extension.delete',
      entityType: 'extension',
      entityId: id.data,
      before: { number: row.number, user: unlinked[0]?.username ?? null },
    })
    for (const u of unlinked) {
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actor,
        action: 'user.update',
        entityType: 'user',
        entityId: u.id,
        before: { extension: row.number },
        after: { extension: null },
      })
    }
    const who = unlinked[0] ? ` ${unlinked[0].username} has no extension now.` : ''
    return { ok: true as const, message: `Extension ${row.number} deleted.${who}` }
  })
}

export type RangeResult = Result<{ created: string[]; skipped: string[] }, 'from' | 'to' | 'type'>

/** Creates every free number of a range (numbers already taken are skipped and reported, never duplicated). */
export async function createExtensionRange(db: Db, actor: Actor, raw: unknown, ring: Keyring = appKeyring()): Promise<RangeResult> {
  if (!may(actor)) return forbidden()
  const parsed = extensionRangeSchema.safeParse(raw)
  if (!parsed.success) return invalid(fieldErrorsOf<'from' | 'to' | 'type'>(parsed.error))
  const numbers = rangeNumbers(parsed.data.from, parsed.data.to)
  const rows = numbers.map((number) => {
    const id = crypto.randomUUID()
    return { tenantId: actor.tenantId, id, number, type: parsed.data.type, ...sealSipSecret(ring, actor.tenantId, id, generateSecret(20)) }
  })
  return db.transaction(async (tx) => {
    // ON CONFLICT on the number: a number someone creates at the same moment is skipped, not duplicated.
    const inserted = await tx
      .insert(extensions)
      .values(rows)
      .onConflictDoNothing({ target: [extensions.tenantId, extensions.number] })
      .returning({ number: extensions.number })
    const created = new Set(inserted.map((r) => r.number))
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actor,
      action: 'extension.create_range',
      entityType: 'extension',
      after: {
        from: parsed.data.from,
        to: parsed.data.to,
        type: parsed.data.type,
        created: created.size,
        skipped: numbers.length - created.size,
      },
    })
    return { ok: true as const, created: numbers.filter((n) => created.has(n)), skipped: numbers.filter((n) => !created.has(n)) }
  })
}

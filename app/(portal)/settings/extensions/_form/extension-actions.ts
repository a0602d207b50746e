'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { formDataArg, idArg, submissionOf } from '@/lib/http/action-args'
import { currentClient, requirePermission } from '@/lib/auth/session'
import {
  createExtension,
  createExtensionRange,
  deleteExtension,
  revealSipPassword,
  updateExtension,
  type ExtensionActor,
  type RangeResult,
} from '@/lib/extensions/manage-extensions'
import { appKeyring } from '@/lib/extensions/sip-secret'
import type { ExtensionFormState } from './extension-form-state'

async function actor(): Promise<ExtensionActor> {
  const user = await requirePermission('extensions.manage')
  return { userId: user.id, tenantId: user.tenantId, permissions: user.permissions, label: user.username, ip: (await currentClient()).ip }
}

const fieldsOf = (form: FormData) => ({
  number: form.get('number') ?? '',
  type: form.get('type') ?? '',
  voicemailEnabled: form.get('voicemailEnabled') === 'on',
  voicemailPin: form.get('voicemailPin') ?? '',
  voicemailEmail: form.get('voicemailEmail') ?? '',
})
const typed = (form: FormData) => ({
  number: String(form.get('number') ?? ''),
  type: String(form.get('type') ?? 'WebRTC'),
  voicemailEnabled: form.get('voicemailEnabled') === 'on',
  voicemailEmail: String(form.get('voicemailEmail') ?? ''),
})

/** `Save` on the new-extension form. */
export async function createExtensionAction(previous: ExtensionFormState, rawForm: FormData): Promise<ExtensionFormState> {
  const form = formDataArg(rawForm)
  const result = await createExtension(await getDb(), appKeyring(), await actor(), fieldsOf(form))
  if (!result.ok) return { submission: submissionOf(previous) + 1, values: typed(form), fieldErrors: result.fieldErrors, formError: result.formError ?? 'The extension was not saved: check the fields marked below.' }
  revalidatePath('/settings/extensions')
  redirect(`/settings/extensions/${result.id}?saved=created`)
}

/** `Save` on an extension's page; the id is bound by the page and checked against the workspace again. */
export async function updateExtensionAction(rawId: string, previous: ExtensionFormState, rawForm: FormData): Promise<ExtensionFormState> {
  const id = idArg(rawId)
  const form = formDataArg(rawForm)
  const result = await updateExtension(await getDb(), appKeyring(), await actor(), id, form.get('version'), fieldsOf(form), form.get('sipPassword'))
  if (!result.ok) return { submission: submissionOf(previous) + 1, version: Number(form.get('version')) || undefined, values: typed(form), fieldErrors: result.fieldErrors, formError: result.formError ?? 'The extension was not saved: check the fields marked below.' }
  revalidatePath('/settings/extensions')
  redirect(`/settings/extensions/${id}?saved=updated`)
}

/** `Show` the SIP password (audited). */
export async function revealSipPasswordAction(id: string): Promise<{ ok: true; password: string } | { ok: false; message: string }> {
  return revealSipPassword(await getDb(), appKeyring(), await actor(), idArg(id))
}

/** `Delete` on an extension's confirmation page. */
export async function deleteExtensionAction(id: string, _previous: string | null): Promise<string | null> {
  const result = await deleteExtension(await getDb(), await actor(), idArg(id))
  if (!result.ok) return result.message
  revalidatePath('/settings/extensions')
  revalidatePath('/users')
  redirect('/settings/extensions?deleted=1')
}

/** `Create range` on the extensions list. */
export async function createExtensionRangeAction(_previous: RangeResult | null, rawForm: FormData): Promise<RangeResult> {
  const form = formDataArg(rawForm)
  const result = await createExtensionRange(await getDb(), appKeyring(), await actor(), { from: form.get('from') ?? '', to: form.get('to') ?? '', type: form.get('type') ?? '' })
  if (result.ok) revalidatePath('/settings/extensions')
  return result
}

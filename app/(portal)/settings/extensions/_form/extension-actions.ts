'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { setFlash } from '@/app/_flash/flash'
import { serverAction } from '@/lib/auth/server-action'
import {
  createExtension,
  createExtensionRange,
  deleteExtension,
  revealSipPassword,
  updateExtension,
} from '@/lib/extensions/manage-extensions'
import { submissionOf } from '@/lib/http/action-args'
import type { Result } from '@/lib/validation/result'
import type { ExtensionFormState } from './extension-form-state'

const inputFrom = (form: FormData) => ({
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
const refused = (
  previous: unknown,
  form: FormData,
  result: { fieldErrors: ExtensionFormState['fieldErrors']; formError?: string },
): ExtensionFormState => ({
  submission: submissionOf(previous) + 1,
  values: typed(form),
  version: Number(form.get('version')) || undefined,
  fieldErrors: result.fieldErrors,
  formError: result.formError ?? 'The extension was not saved: check the fields marked below.',
})

/** `Save` on the new-extension form. */
export const createExtensionAction = serverAction(
  { permission: 'extensions.manage', args: ['state', 'form'] },
  async (actor, previous, form) => {
    const result = await createExtension(await getDb(), actor, inputFrom(form))
    if (!result.ok) return refused(previous, form, result)
    revalidatePath('/settings/extensions')
    await setFlash('extension-created')
    redirect(`/settings/extensions/${result.id}`)
  },
)

/** `Save` on an extension's page; the id is bound by the page and checked against the workspace again. */
export const updateExtensionAction = serverAction(
  { permission: 'extensions.manage', args: ['id', 'state', 'form'] },
  async (actor, id, previous, form) => {
    const result = await updateExtension(await getDb(), actor, {
      ...inputFrom(form),
      id,
      version: form.get('version'),
      sipPassword: form.get('sipPassword'),
    })
    if (!result.ok) return refused(previous, form, result)
    revalidatePath('/settings/extensions')
    await setFlash('extension-updated')
    redirect(`/settings/extensions/${id}`)
  },
)

/** `Show` the SIP password (audited). */
export const revealSipPasswordAction = serverAction(
  { permission: 'extensions.manage', args: ['id', 'state'] },
  async (actor, id, _previous): Promise<Result<{ password: string }>> => revealSipPassword(await getDb(), actor, { id }),
)

/** `Delete` on an extension's confirmation page. */
export const deleteExtensionAction = serverAction(
  { permission: 'extensions.manage', args: ['id', 'state'] },
  async (actor, id, _previous) => {
    const result = await deleteExtension(await getDb(), actor, { id })
    if (!result.ok) return result
    revalidatePath('/settings/extensions')
    revalidatePath('/users')
    await setFlash('extension-deleted')
    redirect('/settings/extensions')
  },
)

/** `Create range` on the extensions list. */
export const createExtensionRangeAction = serverAction(
  { permission: 'extensions.manage', args: ['state', 'form'] },
  async (actor, _previous, form) => {
    const result = await createExtensionRange(await getDb(), actor, {
      from: form.get('from') ?? '',
      to: form.get('to') ?? '',
      type: form.get('type') ?? '',
    })
    if (result.ok) revalidatePath('/settings/extensions')
    return result
  },
)

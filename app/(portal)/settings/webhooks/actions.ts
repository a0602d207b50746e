'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { setFlash } from '@/app/_flash/flash'
import { serverAction } from '@/lib/auth/server-action'
import { submissionOf } from '@/lib/http/action-args'
import {
  createWebhook,
  deleteWebhook,
  redeliver,
  revealWebhookSecret,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhook,
} from '@/lib/webhooks/manage-webhooks'
import { kickWebhookWorker } from '@/lib/webhooks/webhook-worker'
import type { WebhookFormState } from './webhook-form-state'

const input = (form: FormData) => ({
  url: form.get('url') ?? '',
  events: form.getAll('events').filter((v) => typeof v === 'string'),
  enabled: form.get('enabled') ?? undefined,
})

const refused = (
  previous: unknown,
  form: FormData,
  fieldErrors: Record<string, string | undefined>,
  formError?: string,
): WebhookFormState => ({
  submission: submissionOf(previous) + 1,
  values: { url: String(form.get('url') ?? ''), events: form.getAll('events').map(String), enabled: form.get('enabled') === 'on' },
  fieldErrors,
  formError: formError ?? 'Nothing was saved: see the fields below.',
})

/** `Save` on New webhook: the answer carries the signing secret, shown once on the page. */
export const createWebhookAction = serverAction(
  { permission: 'settings.manage', args: ['state', 'form'] },
  async (actor, previous, form): Promise<WebhookFormState> => {
    const result = await createWebhook(await getDb(), actor, input(form))
    if (!result.ok) return refused(previous, form, result.fieldErrors, result.formError)
    revalidatePath('/settings/webhooks')
    return {
      submission: submissionOf(previous) + 1,
      values: { url: '', events: [], enabled: true },
      fieldErrors: {},
      ok: true,
      created: { id: result.id, secret: result.secret! },
    }
  },
)

/** `Save` on a webhook's page. */
export const updateWebhookAction = serverAction(
  { permission: 'settings.manage', args: ['id', 'state', 'form'] },
  async (actor, id, previous, form): Promise<WebhookFormState> => {
    const result = await updateWebhook(await getDb(), actor, { ...input(form), id })
    if (!result.ok) return refused(previous, form, result.fieldErrors, result.formError)
    revalidatePath(`/settings/webhooks/${id}`)
    await setFlash('webhook-saved')
    redirect(`/settings/webhooks/${id}`)
  },
)

export const deleteWebhookAction = serverAction({ permission: 'settings.manage', args: ['id'] }, async (actor, id) => {
  const result = await deleteWebhook(await getDb(), actor, { id })
  revalidatePath('/settings/webhooks')
  if (result.ok) await setFlash('webhook-deleted')
  redirect('/settings/webhooks')
})

/** `Reveal`: the current signing secret in the answer (audited). */
export const revealWebhookSecretAction = serverAction({ permission: 'settings.manage', args: ['id', 'state', 'form'] }, async (actor, id) =>
  revealWebhookSecret(await getDb(), actor, { id }),
)

/** `Rotate`: the new secret in the answer, shown once. */
export const rotateWebhookSecretAction = serverAction(
  { permission: 'settings.manage', args: ['id', 'state', 'form'] },
  async (actor, id) => {
    const result = await rotateWebhookSecret(await getDb(), actor, { id })
    if (result.ok) revalidatePath(`/settings/webhooks/${id}`)
    return result
  },
)

export const sendTestEventAction = serverAction({ permission: 'settings.manage', args: ['id', 'state', 'form'] }, async (actor, id) => {
  const result = await sendTestEvent(await getDb(), actor, { id })
  if (result.ok) {
    kickWebhookWorker()
    revalidatePath(`/settings/webhooks/${id}`)
  }
  return result
})

export const redeliverAction = serverAction(
  { permission: 'settings.manage', args: ['id', 'state', 'form'] },
  async (actor, id, _previous, form) => {
    const result = await redeliver(await getDb(), actor, { id, deliveryId: form.get('deliveryId') })
    if (result.ok) {
      kickWebhookWorker()
      revalidatePath(`/settings/webhooks/${id}`)
    }
    return result
  },
)

'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { setFlash } from '@/app/_flash/flash'
import { serverAction } from '@/lib/auth/server-action'
import { submissionOf } from '@/lib/http/action-args'
import { removeSso, saveSsoSettings } from '@/lib/sso/manage-sso-settings'
import type { SsoFormState } from './sso-form-state'

const input = (form: FormData) => ({
  issuerUrl: form.get('issuerUrl') ?? '',
  clientId: form.get('clientId') ?? '',
  clientSecret: form.get('clientSecret') ?? '',
  displayName: form.get('displayName') ?? '',
  createUsers: form.get('createUsers') ?? undefined,
  requireSso: form.get('requireSso') ?? undefined,
  breakGlass: form.getAll('breakGlass').filter((v) => typeof v === 'string'),
})

/** `Save` on Settings › Single sign-on. */
export const saveSsoSettingsAction = serverAction(
  { permission: 'settings.manage', args: ['state', 'form'] },
  async (actor, previous, form): Promise<SsoFormState> => {
    const result = await saveSsoSettings(await getDb(), actor, input(form))
    if (!result.ok) {
      return {
        submission: submissionOf(previous) + 1,
        values: {
          issuerUrl: String(form.get('issuerUrl') ?? ''),
          clientId: String(form.get('clientId') ?? ''),
          displayName: String(form.get('displayName') ?? ''),
          createUsers: form.get('createUsers') === 'on',
          requireSso: form.get('requireSso') === 'on',
          breakGlass: form.getAll('breakGlass').map(String),
        },
        fieldErrors: result.fieldErrors,
        formError: result.formError ?? 'Nothing was saved: see the fields below.',
      }
    }
    revalidatePath('/settings/single-sign-on')
    await setFlash(form.get('requireSso') === 'on' ? 'sso-required' : 'sso-saved')
    redirect('/settings/single-sign-on')
  },
)

/** `Remove single sign-on` (already removed: the page shows it so). */
export const removeSsoAction = serverAction({ permission: 'settings.manage', args: [] }, async (actor) => {
  const result = await removeSso(await getDb(), actor)
  revalidatePath('/settings/single-sign-on')
  if (result.ok) await setFlash('sso-removed')
  redirect('/settings/single-sign-on')
})

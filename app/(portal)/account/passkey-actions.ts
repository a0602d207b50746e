'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { passkeyRegistrationOptions, registerPasskey, removePasskey } from '@/lib/auth/passkeys'
import { serverAction } from '@/lib/auth/server-action'

/** My account › `Add a passkey`, step 1: the browser's creation options and a sealed ticket for step 2. */
export const passkeyRegistrationOptionsAction = serverAction({ args: [] }, async (actor) =>
  passkeyRegistrationOptions(await getDb(), actor),
)

/** Step 2: the authenticator's answer (`response`, JSON), the `ticket` and the passkey's `name`. */
export const registerPasskeyAction = serverAction({ args: ['form'] }, async (actor, form) => {
  const result = await registerPasskey(await getDb(), actor, {
    response: form.get('response'),
    ticket: form.get('ticket'),
    name: form.get('name'),
  })
  if (!result.ok)
    return { ok: false as const, message: result.fieldErrors.name ?? result.formError ?? 'The passkey was not added.', recoveryCodes: null }
  revalidatePath('/account')
  return { ok: true as const, message: 'Passkey added.', recoveryCodes: result.recoveryCodes }
})

/** `Remove` beside one of one's passkeys. */
export const removePasskeyAction = serverAction({ args: ['id'] }, async (actor, id) => {
  const result = await removePasskey(await getDb(), actor, id)
  if (result.ok) revalidatePath('/account')
})

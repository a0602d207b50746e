'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { mailIsDelivered } from '@/lib/mail/mail-config'
import { kickMailWorker } from '@/lib/mail/mail-worker'
import { invitationsOutcomeText, sendInvitationsInBulk } from '@/lib/users/invitations-bulk'

/** The bulk bar's `Send invitations`: the selected rows, or (`scope=matching`) every user the view matches. */
export const bulkInviteAction = serverAction({ permission: 'users.update', args: ['form'] }, async (actor, form) => {
  const raw =
    form.get('scope') === 'matching'
      ? { query: form.get('query'), expected: form.get('expected') }
      : { ids: form.getAll('ids').filter((v) => typeof v === 'string') }
  const result = await sendInvitationsInBulk(await getDb(), actor, raw)
  if (!result.ok) return { ok: false as const, text: result.formError ?? 'No invitations were sent.' }
  if (result.sent) kickMailWorker()
  revalidatePath('/users')
  const where = mailIsDelivered() ? '' : ' Email isn’t set up on this server: each user’s edit page shows their link to hand over.'
  return { ok: true as const, text: invitationsOutcomeText(result) + where }
})

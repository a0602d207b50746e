'use server'

import { revalidatePath } from 'next/cache'
import { getDb } from '@/db/client'
import { serverAction } from '@/lib/auth/server-action'
import { kickMailWorker } from '@/lib/mail/mail-worker'
import { sendTestMail } from '@/lib/mail/send-test-mail'
import type { Result } from '@/lib/validation/result'

/** `Send test email` on Settings › Email: to the admin's own address, through the outbox. */
export const sendTestMailAction = serverAction(
  { permission: 'settings.manage', args: ['state', 'form'] },
  async (actor): Promise<Result<{ message: string }>> => {
    const result = await sendTestMail(await getDb(), actor)
    if (!result.ok) return result
    kickMailWorker()
    revalidatePath('/settings/email')
    return { ok: true, message: `Test email queued for ${result.to}. It appears below when sent.` }
  },
)

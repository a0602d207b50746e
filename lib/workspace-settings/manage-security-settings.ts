import 'server-only'
import { z } from 'zod'
import type { Db } from '@/db/client'
import type { Actor } from '@/lib/auth/actor'
import { TWO_FACTOR_POLICIES, type TwoFactorPolicy } from '@/lib/auth/two-factor'
import { forbidden, invalid, notFound, type Result } from '@/lib/validation/result'
import { changeWorkspaceSetting, WORKSPACE_GONE } from './workspace-setting'

export const TWO_FACTOR_POLICY_LABELS: Record<TwoFactorPolicy, string> = {
  off: 'Not required',
  admins: 'Require two-factor authentication for admins',
  everyone: 'Require two-factor authentication for everyone',
}

const schema = z.object({ twoFactorPolicy: z.enum(TWO_FACTOR_POLICIES, 'Choose one of the options.') })

/**
 * Settings › Security (`settings.manage`): who must use two-factor. It takes
 * effect at each covered user's next sign-in (they are sent to set it up);
 * sessions already open stay open. Audited.
 */
export async function updateSecuritySettings(db: Db, actor: Actor, raw: unknown): Promise<Result<{ message: string }, 'twoFactorPolicy'>> {
  if (!actor.permissions.has('settings.manage')) return forbidden()
  const parsed = schema.safeParse(raw)
  if (!parsed.success) return invalid({ twoFactorPolicy: 'Choose one of the options.' })
  const policy = parsed.data.twoFactorPolicy
  const outcome = await changeWorkspaceSetting(db, actor, 'twoFactorPolicy', policy)
  if (outcome === 'gone') return notFound(WORKSPACE_GONE)
  if (outcome === 'unchanged') return { ok: true, message: 'Nothing to change.' }
  return {
    ok: true,
    message:
      policy === 'off'
        ? 'Two-factor authentication is no longer required.'
        : `Saved. ${policy === 'admins' ? 'Admins' : 'Everyone'} without two-factor will set it up at their next sign-in.`,
  }
}

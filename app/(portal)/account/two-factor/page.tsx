import type { Metadata } from 'next'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { PageHeader } from '@/app/_components/page-bits'
import { TotpKey } from '@/app/_two-factor/totp-key'
import { TurnOnForm } from '@/app/_two-factor/turn-on-form'
import { requireUser } from '@/lib/auth/session'
import { totpSetupSecret } from '@/lib/auth/two-factor'
import { turnOnTotpAction } from '../two-factor-actions'

export const metadata: Metadata = { title: 'Set up two-factor authentication' }

export default async function SetUpTwoFactorPage() {
  const user = await requireUser()
  // Null once it is on: the form stays in place (it shows the recovery codes right after Turn on).
  const secret = await totpSetupSecret(await getDb(), user.tenantId, user.id)
  return (
    <>
      <PageHeader back={{ href: '/account', label: 'My account' }} title="Set up two-factor authentication" />
      <div className="mt-6 max-w-xl space-y-6 rounded-lg border border-slate-200 bg-white p-6">
        {secret ? <TotpKey secret={secret} workspace={user.tenantSlug} username={user.username} /> : null}
        <TurnOnForm
          action={turnOnTotpAction}
          alreadyOn={!secret}
          done={
            <Link href="/account" className="btn-primary inline-block">
              Back to My account
            </Link>
          }
        />
      </div>
    </>
  )
}

import { ConfirmAction } from '@/app/_components/confirm-action'
import { DateTime } from '@/app/_components/date-time'
import type { PasskeyRow } from '@/lib/auth/passkeys'
import { AddPasskey } from './add-passkey'
import { removePasskeyAction } from './passkey-actions'

/** My account › Two-factor authentication › Passkeys: the registered ones, with Remove, and Add a passkey. */
export function PasskeyList({ keys, timeZone }: { keys: PasskeyRow[]; timeZone: string }) {
  return (
    <div className="mt-6 border-t border-slate-200 pt-4">
      <h3 className="font-medium">Passkeys</h3>
      <p className="mt-1 text-sm text-slate-600">Instead of a code, sign in with this device’s screen lock or a security key.</p>
      {keys.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-200 text-sm">
          {keys.map((k) => (
            <li key={k.id} className="flex items-center justify-between gap-4 py-2">
              <span>
                <span className="font-medium">{k.name}</span>{' '}
                <span className="text-slate-600">
                  added <DateTime value={k.createdAt} timeZone={timeZone} />
                  {k.lastUsedAt && (
                    <>
                      , last used <DateTime value={k.lastUsedAt} timeZone={timeZone} />
                    </>
                  )}
                </span>
              </span>
              <ConfirmAction
                action={removePasskeyAction.bind(null, k.id)}
                trigger="Remove"
                triggerLabel={`Remove the passkey ${k.name}`}
                question={`Remove the passkey “${k.name}”?`}
                detail="It can no longer be used to sign in."
                confirm="Remove"
                small
              />
            </li>
          ))}
        </ul>
      )}
      <AddPasskey />
    </div>
  )
}

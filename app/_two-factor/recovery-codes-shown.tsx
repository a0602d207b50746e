import type { ReactNode } from 'react'
import { CopyButton } from '@/app/_components/copy-button'

/** After `Turn on`: it is on, the ten recovery codes (shown this once), and where to go next. */
export function RecoveryCodesShown({ codes, children }: { codes: readonly string[]; children: ReactNode }) {
  return (
    <div className="space-y-4">
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        Two-factor authentication is on.
      </p>
      <section aria-labelledby="recovery-codes-heading" className="space-y-3">
        <h2 id="recovery-codes-heading" className="text-lg font-semibold">
          Recovery codes
        </h2>
        <p className="text-sm text-slate-700">
          Keep these somewhere safe (a password manager, or printed). Each one signs you in once if you lose your phone. They are shown only
          now.
        </p>
        <ul
          className="grid grid-cols-2 gap-2 rounded border border-slate-200 bg-slate-50 p-3 font-mono text-sm"
          data-testid="recovery-codes"
        >
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <CopyButton text={codes.join('\n')} label="Copy the recovery codes" />
      </section>
      {children}
    </div>
  )
}

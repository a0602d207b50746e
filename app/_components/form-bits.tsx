import Link from 'next/link'

/** A one-button form for a row (Restore, Revoke): the row's id goes as a hidden field. */
export function RowActionForm({
  action,
  name,
  value,
  label,
  accessibleLabel,
  pending,
}: {
  action: (form: FormData) => void
  name: string
  value: string
  label: string
  accessibleLabel: string
  pending: boolean
}) {
  return (
    <form action={action}>
      <input type="hidden" name={name} value={value} />
      <button type="submit" className="btn-secondary py-1" disabled={pending} aria-label={accessibleLabel}>
        {label}
      </button>
    </form>
  )
}

/** A form's main button and a Cancel link back. */
export function SubmitOrCancel({
  label,
  pending,
  cancelHref,
  danger = false,
}: {
  label: string
  pending: boolean
  cancelHref: string
  danger?: boolean
}) {
  return (
    <div className="flex gap-3">
      <button type="submit" className={danger ? 'btn-danger' : 'btn-primary'} disabled={pending}>
        {label}
      </button>
      <Link href={cancelHref} className="btn-secondary no-underline">
        Cancel
      </Link>
    </div>
  )
}

/** The answer to an action: a status when it went through, an alert when it didn't. */
export function Outcome({ ok, children, className = 'mt-4' }: { ok: boolean; children: React.ReactNode; className?: string }) {
  return (
    <p
      role={ok ? 'status' : 'alert'}
      className={`${className} rounded-md px-3 py-2 text-sm ${ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}
    >
      {children}
    </p>
  )
}

/** The lines under an outcome: who was skipped and why. */
export function OutcomeDetails({ details }: { details: string[] }) {
  return (
    // Focusable: a long list scrolls, and a keyboard must be able to scroll it.
    <ul className="mt-2 max-h-48 list-disc overflow-y-auto pl-8 text-sm text-slate-700" aria-label="Not changed" tabIndex={0}>
      {details.map((d, i) => (
        <li key={i}>{d}</li>
      ))}
    </ul>
  )
}

import { CopyButton } from './copy-button'

/** A value to paste elsewhere (a URL to register at an identity provider, a phone's phone book URL): read-only, with Copy and a hint. */
export function CopyField({
  id,
  label,
  value,
  hint,
  copyLabel,
}: {
  id: string
  label: string
  value: string
  hint: React.ReactNode
  copyLabel: string
}) {
  return (
    <div className="max-w-3xl">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input id={id} readOnly value={value} className="field-input mt-0 w-full font-mono text-xs" aria-describedby={`${id}-hint`} />
        <CopyButton text={value} label={copyLabel} />
      </div>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
        {hint}
      </p>
    </div>
  )
}

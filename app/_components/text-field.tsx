import type { InputHTMLAttributes } from 'react'

type TextFieldProps = {
  id: string
  label: string
  /** Shown under the field and tied to it with aria-describedby / aria-invalid. */
  error?: string
  /** A line under the label's field saying what goes in it (also tied to it with aria-describedby). */
  hint?: React.ReactNode
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>

/** The asterisk after a required field's label (the input says `required` to assistive technology itself). */
export function RequiredMark() {
  return (
    <span aria-hidden="true" className="ml-0.5 text-sm font-medium text-red-700">
      *
    </span>
  )
}

/** A labelled input that says what is wrong with it, next to it; required ones are marked. */
export function TextField({ id, label, error, hint, className, ...input }: TextFieldProps) {
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={className}>
      {/* The mark sits beside the label, not in it: the field's name stays "Password", not "Password *". */}
      <div className="flex">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {input.required && <RequiredMark />}
      </div>
      <input id={id} name={id} className="field-input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  )
}

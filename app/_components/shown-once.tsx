import { CopyButton } from './copy-button'

/** A new token, shown once after it is made: the sentence, the token, Copy. It is never shown again. */
export function ShownOnce({ heading, secret, testId }: { heading: string; secret: string; testId: string }) {
  return (
    <div role="status" className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm">
      <p className="font-medium text-emerald-900">{heading} Copy it now: it won’t be shown again.</p>
      <div className="mt-2 flex items-center gap-2">
        <code className="rounded bg-white px-2 py-1 font-mono break-all" data-testid={testId}>
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
    </div>
  )
}

'use client'

import { useHydrated } from '@/app/_components/use-hydrated'
import { useState } from 'react'

/** Copies `text` to the clipboard. Only where JavaScript runs: without it there is no button, and the text is there to select. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false)
  const interactive = useHydrated()
  if (!interactive) return null
  return (
    <button
      type="button"
      className="btn-secondary py-1"
      aria-label={label === 'Copy' ? undefined : label}
      onClick={async () => {
        await navigator.clipboard.writeText(text)
        setCopied(true)
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  )
}

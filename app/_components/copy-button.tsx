'use client'

import { useState } from 'react'

/** Copies `text` to the clipboard (JavaScript only; without it the text is there to select). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false)
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

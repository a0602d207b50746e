'use client'

import { useState } from 'react'

/**
 * The PDF export link. Without JavaScript it is a plain link; with it, the
 * file is fetched here so the button can say it is working (a PDF is built
 * whole on the server before the first byte), then saved under its own name.
 * A refusal (too many rows) is shown as the page the server sent.
 */
export function PdfLink({ href, className }: { href: string; className: string }) {
  const [busy, setBusy] = useState(false)
  return (
    <a
      href={href}
      className={className}
      aria-busy={busy || undefined}
      onClick={async (e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
        e.preventDefault()
        if (busy) return
        setBusy(true)
        try {
          const res = await fetch(href)
          if (!res.ok || res.headers.get('content-type') !== 'application/pdf') {
            window.location.assign(href)
            return
          }
          const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'users.pdf'
          const url = URL.createObjectURL(await res.blob())
          const a = document.createElement('a')
          a.href = url
          a.download = name
          a.click()
          setTimeout(() => URL.revokeObjectURL(url), 10_000)
        } finally {
          setBusy(false)
        }
      }}
    >
      {busy ? 'Preparing PDF…' : 'PDF'}
    </a>
  )
}

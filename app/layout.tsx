import type { Metadata } from 'next'
import { connection } from 'next/server'
import { currentTheme } from './_theme/theme'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Switchboard', template: '%s · Switchboard' },
  description: 'Workspace administration for your contact centre',
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce
  // (scripts/serve.ts), which a page prerendered at build time could not have.
  await connection()
  // The Theme switch's choice for this browser; without one, CSS follows the system (app/theme-colors.css).
  const theme = await currentTheme()
  return (
    <html lang="en" data-theme={theme === 'system' ? undefined : theme}>
      <body>{children}</body>
    </html>
  )
}

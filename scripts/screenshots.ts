/**
 * `npm run screens -- http://localhost:3000`: screenshots of the main screens at
 * 1280×800 and 390×844, light and dark, into docs/screens/ (linked from the
 * README). Run it against a server holding the demo workspace (`npm start`).
 */
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { DEMO } from '@/lib/workspaces/seed-demo'
import { chromiumPath } from '@/testing/e2e/chromium'
import { signIn } from '@/testing/e2e/sign-in'

const base = process.argv[2] ?? 'http://localhost:3000'
const out = path.resolve('docs/screens')
const SCREENS = [
  { name: 'users', path: '/users' },
  { name: 'edit-user', path: '/users', open: 'Edit' },
  { name: 'reports', path: '/reports/users' },
  { name: 'audit-log', path: '/settings/audit-log' },
]
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]

const browser = await chromium.launch({ executablePath: chromiumPath() })
fs.mkdirSync(out, { recursive: true })
for (const scheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    const context = await browser.newContext({ viewport: size, colorScheme: scheme, baseURL: base })
    const page = await context.newPage()
    await signIn(page, { workspace: DEMO.workspace, identifier: DEMO.adminUsername, password: DEMO.adminPassword })
    for (const screen of SCREENS) {
      await page.goto(screen.path)
      if (screen.open) {
        const href = await page.locator('a[href$="/edit"]').first().getAttribute('href', { timeout: 5000 })
        if (href) await page.goto(href)
      }
      await page.waitForLoadState('networkidle')
      await page.screenshot({ path: path.join(out, `${screen.name}-${size.name}-${scheme}.png`), fullPage: size.name === 'phone' })
    }
    await context.close()
  }
}
await browser.close()
console.log(`Screenshots in ${path.relative(process.cwd(), out)}/`)

import fs from 'node:fs'
import { chromium } from '@playwright/test'

/**
 * The browser the e2e tests drive: CHROMIUM_PATH, else the system's
 * /usr/bin/chromium, else a Chromium installed by `npx playwright install chromium`.
 * None of them is a loud failure, never a skipped suite.
 */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  for (const c of candidates) if (c && fs.existsSync(c)) return c
  const bundled = chromium.executablePath()
  if (bundled && fs.existsSync(bundled)) return bundled
  throw new Error(
    'No Chromium found for the end-to-end tests. Set CHROMIUM_PATH to a Chromium binary, ' +
      'install one (Debian/Ubuntu: `apt-get install -y chromium`), or run `npx playwright install chromium`.',
  )
}

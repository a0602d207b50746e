import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'
import { chromiumPath } from './testing/e2e/chromium'

// Set once in the runner process; workers inherit them through the environment.
process.env.E2E_PORT ??= '3100'
process.env.E2E_SECRET ??= crypto.randomBytes(32).toString('hex')
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-e2e-'))

const baseURL = `http://localhost:${process.env.E2E_PORT}`

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE }]]
    : [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalTeardown: './testing/e2e/global-teardown.ts',
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      // This machine has no outside network: keep Chromium from trying. No GPU either: Debian's wrapper asks for GPU
      // rasterization, which without one is emulated in software (--disable-gpu: ~13% less time for the same tests).
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
    },
  },
  webServer: {
    command: 'node_modules/.bin/tsx --conditions=react-server testing/e2e/server.ts',
    url: `${baseURL}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})

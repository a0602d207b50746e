import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'

const ROOT = process.cwd()
const INPUT_DIRS = ['app', 'lib', 'db', 'public']
const INPUT_FILES = ['next.config.ts', 'instrumentation.ts', 'package-lock.json', 'tsconfig.json', 'postcss.config.mjs']

function walk(dir: string, out: string[]) {
  if (!fs.existsSync(dir)) return
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, out)
    else if (entry.isFile()) out.push(full)
  }
}

/** A hash of everything the build reads, so a stale build is rebuilt and a fresh one is reused. */
export function sourceHash(): string {
  const files: string[] = []
  for (const d of INPUT_DIRS) walk(path.join(ROOT, d), files)
  for (const f of INPUT_FILES) if (fs.existsSync(path.join(ROOT, f))) files.push(path.join(ROOT, f))
  const h = crypto.createHash('sha256')
  for (const f of files.sort()) {
    h.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0')
  }
  h.update(process.env.SWITCHBOARD_E2E_BUILD ?? '')
  return h.digest('hex')
}

export function distDir(): string {
  return path.join(ROOT, process.env.SWITCHBOARD_E2E_BUILD === '1' ? '.next-e2e' : '.next')
}

/** Runs `next build` unless the last build was made from exactly these sources. */
export function buildIfNeeded(log: (s: string) => void = console.log): void {
  const stamp = path.join(distDir(), 'switchboard-build.json')
  const hash = sourceHash()
  const built = fs.existsSync(path.join(distDir(), 'BUILD_ID')) && fs.existsSync(stamp)
  if (built && (JSON.parse(fs.readFileSync(stamp, 'utf8')) as { hash?: string }).hash === hash) return
  log('Building Switchboard (first start, or the sources changed)…')
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'next'), ['build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`)
  fs.writeFileSync(stamp, JSON.stringify({ hash, builtAt: new Date().toISOString() }))
}

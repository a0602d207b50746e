#!/usr/bin/env node
/**
 * Our package registry mirror serves native binaries only for the platforms our
 * machines run (linux x64/arm64), so `npm install` leaves the other platforms'
 * optional binaries out of package-lock.json, and `npm ci` then refuses the lock
 * ("Missing: … from lock file"). This adds those entries back, with the os/cpu/
 * libc their names encode, so `npm ci` skips them as it would on npmjs.org.
 * Run after every `npm install` that changes the lock: `node scripts/complete-lockfile.mjs`.
 */
import fs from 'node:fs'

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(fs.readFileSync(file, 'utf8'))
const packages = lock.packages

const OS = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openharmony', 'netbsd', 'openbsd', 'sunos', 'aix']
const CPU = {
  arm64: 'arm64',
  x64: 'x64',
  arm: 'arm',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
  wasm32: 'wasm32',
}

function platformOf(name) {
  const parts = name.split('/').pop().split('-')
  const os = parts.find((p) => OS.includes(p))
  const cpu = parts.find((p) => p in CPU)
  if (!cpu) return null
  const entry = { cpu: [CPU[cpu]] }
  if (os) entry.os = [os]
  if (os === 'linux') {
    if (parts.some((p) => p.startsWith('musl'))) entry.libc = ['musl']
    else if (parts.some((p) => p.startsWith('gnu'))) entry.libc = ['glibc']
  }
  return entry
}

let added = 0
for (const [path, pkg] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`
    const nested = `${path}/node_modules/${name}`
    if (packages[key] || packages[nested]) continue
    const platform = platformOf(name)
    if (!platform) continue
    packages[key] = { version, ...(pkg.dev ? { dev: true } : {}), optional: true, ...platform }
    added++
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))))
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(`package-lock.json: added ${added} entries for other platforms' optional binaries`)

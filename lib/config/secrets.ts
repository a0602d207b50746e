import 'server-only'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { dataDir, IN_MEMORY } from '@/db/client'

export interface AppSecrets {
  /** Signs and encrypts session tokens (next-auth). */
  authSecret: string
  /** 32-byte key (base64) for secrets encrypted at rest, such as SIP passwords. */
  encryptionKey: string
  /** Earlier keys, still read until `npm run keys:rotate` has re-sealed every secret. */
  previousEncryptionKeys: string[]
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

export function validateAuthSecret(value: string): string | null {
  return value.length >= 32 ? null : 'AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`).'
}

export function validateEncryptionKey(value: string): string | null {
  return Buffer.from(value, 'base64').length === 32
    ? null
    : 'APP_ENCRYPTION_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`).'
}

function check(secrets: AppSecrets): AppSecrets {
  const problems = [
    validateAuthSecret(secrets.authSecret),
    validateEncryptionKey(secrets.encryptionKey),
    ...secrets.previousEncryptionKeys.map(
      (k) => validateEncryptionKey(k)?.replace('APP_ENCRYPTION_KEY', 'Each of APP_ENCRYPTION_KEYS_PREVIOUS') ?? null,
    ),
  ].filter((p): p is string => p !== null)
  if (problems.length) throw new ConfigError(problems.join('\n'))
  return secrets
}

/**
 * With DATABASE_URL the operator owns the secrets: both must be in the
 * environment, or we refuse to start. In embedded mode they are generated once
 * into DATA_DIR and reused, so sessions survive restarts.
 */
export function loadSecrets(env: Record<string, string | undefined> = process.env): AppSecrets {
  const previous = (env.APP_ENCRYPTION_KEYS_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
  const fromEnv = { authSecret: env.AUTH_SECRET ?? '', encryptionKey: env.APP_ENCRYPTION_KEY ?? '', previousEncryptionKeys: previous }
  if (env.DATABASE_URL) {
    const missing = [!fromEnv.authSecret && 'AUTH_SECRET', !fromEnv.encryptionKey && 'APP_ENCRYPTION_KEY'].filter(Boolean)
    if (missing.length) {
      throw new ConfigError(
        `DATABASE_URL is set, so ${missing.join(' and ')} must be set too (the same values on every instance). ` +
          'Generate each with `openssl rand -base64 32`.',
      )
    }
    return check(fromEnv)
  }
  if (fromEnv.authSecret && fromEnv.encryptionKey) return check(fromEnv)
  const stored = process.env.DATA_DIR === IN_MEMORY ? memorySecrets() : fileSecrets(path.join(dataDir(), 'secrets.json'))
  return check({
    authSecret: fromEnv.authSecret || stored.authSecret,
    encryptionKey: fromEnv.encryptionKey || stored.encryptionKey,
    previousEncryptionKeys: fromEnv.previousEncryptionKeys.length ? fromEnv.previousEncryptionKeys : stored.previousEncryptionKeys,
  })
}

export const newEncryptionKey = () => crypto.randomBytes(32).toString('base64')

const generate = (): AppSecrets => ({
  authSecret: crypto.randomBytes(32).toString('base64'),
  encryptionKey: newEncryptionKey(),
  previousEncryptionKeys: [],
})

let ephemeral: AppSecrets | undefined
/** An in-memory database keeps nothing, so its secrets needn't outlive the process either. */
function memorySecrets(): AppSecrets {
  return (ephemeral ??= generate())
}

function fileSecrets(file: string): AppSecrets {
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<AppSecrets>
    if (stored.authSecret && stored.encryptionKey) {
      return {
        authSecret: stored.authSecret,
        encryptionKey: stored.encryptionKey,
        previousEncryptionKeys: stored.previousEncryptionKeys ?? [],
      }
    }
  }
  const fresh = generate()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 })
  return fresh
}

/**
 * Embedded mode only: a new current encryption key in DATA_DIR/secrets.json,
 * the old one kept as previous so existing secrets still open until they are
 * re-sealed. (With DATABASE_URL the operator sets the environment instead.)
 */
export function rotateEmbeddedEncryptionKey(): AppSecrets {
  if (process.env.DATABASE_URL)
    throw new ConfigError('With DATABASE_URL, set APP_ENCRYPTION_KEY and APP_ENCRYPTION_KEYS_PREVIOUS in the environment instead.')
  if (process.env.DATA_DIR === IN_MEMORY) throw new ConfigError('An in-memory database has no stored keys to rotate.')
  const file = path.join(dataDir(), 'secrets.json')
  const current = fileSecrets(file)
  const next: AppSecrets = {
    authSecret: current.authSecret,
    encryptionKey: newEncryptionKey(),
    previousEncryptionKeys: [current.encryptionKey, ...current.previousEncryptionKeys.filter((k) => k !== current.encryptionKey)],
  }
  fs.writeFileSync(file, JSON.stringify(next, null, 2), { mode: 0o600 })
  return next
}

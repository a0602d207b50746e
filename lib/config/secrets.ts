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
  const problems = [validateAuthSecret(secrets.authSecret), validateEncryptionKey(secrets.encryptionKey)].filter(
    (p): p is string => p !== null,
  )
  if (problems.length) throw new ConfigError(problems.join('\n'))
  return secrets
}

/**
 * With DATABASE_URL the operator owns the secrets: both must be in the
 * environment, or we refuse to start. In embedded mode they are generated once
 * into DATA_DIR and reused, so sessions survive restarts.
 */
export function loadSecrets(env: Record<string, string | undefined> = process.env): AppSecrets {
  const fromEnv = { authSecret: env.AUTH_SECRET ?? '', encryptionKey: env.APP_ENCRYPTION_KEY ?? '' }
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
  })
}

const generate = (): AppSecrets => ({
  authSecret: crypto.randomBytes(32).toString('base64'),
  encryptionKey: crypto.randomBytes(32).toString('base64'),
})

let ephemeral: AppSecrets | undefined
/** An in-memory database keeps nothing, so its secrets needn't outlive the process either. */
function memorySecrets(): AppSecrets {
  return (ephemeral ??= generate())
}

function fileSecrets(file: string): AppSecrets {
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<AppSecrets>
    if (stored.authSecret && stored.encryptionKey) return { authSecret: stored.authSecret, encryptionKey: stored.encryptionKey }
  }
  const fresh = generate()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 })
  return fresh
}

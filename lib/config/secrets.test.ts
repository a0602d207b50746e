import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadSecrets } from './secrets'

const key = () => crypto.randomBytes(32).toString('base64')
const savedDataDir = process.env.DATA_DIR
afterEach(() => {
  process.env.DATA_DIR = savedDataDir
})

describe('loadSecrets', () => {
  it('with DATABASE_URL, refuses to run without AUTH_SECRET and APP_ENCRYPTION_KEY, naming them', () => {
    const env = { DATABASE_URL: 'postgres://x/y' }
    expect(() => loadSecrets(env)).toThrow(ConfigError)
    expect(() => loadSecrets(env)).toThrow(/AUTH_SECRET and APP_ENCRYPTION_KEY/)
    expect(() => loadSecrets({ ...env, AUTH_SECRET: 'a'.repeat(40) })).toThrow(/APP_ENCRYPTION_KEY must be set/)
  })

  it('rejects weak or malformed values', () => {
    const env = { DATABASE_URL: 'postgres://x/y' }
    expect(() => loadSecrets({ ...env, AUTH_SECRET: 'short', APP_ENCRYPTION_KEY: key() })).toThrow(/at least 32/)
    expect(() => loadSecrets({ ...env, AUTH_SECRET: 'a'.repeat(40), APP_ENCRYPTION_KEY: 'not-32-bytes' })).toThrow(/32 bytes/)
    expect(loadSecrets({ ...env, AUTH_SECRET: 'a'.repeat(40), APP_ENCRYPTION_KEY: key() }).authSecret).toBe('a'.repeat(40))
  })

  it('in embedded mode, generates the secrets once into DATA_DIR and reuses them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-secrets-'))
    process.env.DATA_DIR = dir
    const first = loadSecrets({})
    const second = loadSecrets({})
    expect(second).toEqual(first)
    expect(Buffer.from(first.encryptionKey, 'base64')).toHaveLength(32)
    const file = path.join(dir, 'secrets.json')
    expect(fs.statSync(file).mode & 0o077).toBe(0)
    // The environment still wins where it is set.
    expect(loadSecrets({ AUTH_SECRET: 'b'.repeat(40) }).authSecret).toBe('b'.repeat(40))
  })
})

import 'server-only'
import { hash, verify } from '@node-rs/argon2'

/** OWASP's minimum for argon2id: 19 MiB, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id: the package's enum is a `const enum`, which isolated modules can't import.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS)
}

/**
 * False for a wrong password, for a hash that is not a valid argon2 string and
 * for a user without a password yet (null: the same time is spent, so the
 * answer doesn't tell).
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    await burnPasswordCheck(password)
    return false
  }
  try {
    return await verify(passwordHash, password)
  } catch (error) {
    // A malformed hash is a data problem worth seeing, but it must not sign anyone in.
    console.error('[auth] password hash could not be verified:', (error as Error).message)
    return false
  }
}

let dummyHash: Promise<string> | undefined
/**
 * Spends the same time as a real check when there is no such user, so response
 * times don't tell which usernames exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('switchboard-timing-equaliser')
  await verifyPassword(await dummyHash, password)
}

import crypto from 'node:crypto'

/**
 * `Switchboard-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]`: HMAC-SHA256
 * of `<t>.<body>` with the webhook's secret (and, for 24 hours after Rotate,
 * with the previous one too), as Stripe signs. A receiver recomputes it with
 * its secret, compares in constant time, and refuses an old `t` (replays).
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  const signed = `${timestamp}.${body}`
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${crypto.createHmac('sha256', s).update(signed).digest('hex')}`)].join(',')
}

/** The receiver's side (the README's snippet, and the tests'): true when one v1 matches and t is within `toleranceSeconds`. */
export function verifySignature(header: string, body: string, secret: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const parts = header.split(',').map((p) => p.split('=') as [string, string])
  const t = Number(parts.find(([k]) => k === 't')?.[1])
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds) return false
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest()
  return parts.some(([k, v]) => k === 'v1' && v.length === expected.length * 2 && crypto.timingSafeEqual(Buffer.from(v, 'hex'), expected))
}

/** A new signing secret: `whsec_` and 32 random bytes. */
export const newWebhookSecret = () => `whsec_${crypto.randomBytes(32).toString('base64url')}`

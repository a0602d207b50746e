import crypto from 'node:crypto'

/**
 * The headers every response carries (set by scripts/serve.ts, the server in
 * front of Next). Scripts run only with this request's nonce: Next reads the
 * nonce from the request's Content-Security-Policy header and puts it on its
 * own scripts, and 'strict-dynamic' lets those load the app's chunks.
 *
 * Styles allow 'unsafe-inline': the users table hides columns with a <style>
 * element React writes at run time, and an injected style can't run code.
 * Nothing may frame the portal (clickjacking "Generate a new URL" and the like).
 */

export function newNonce(): string {
  return crypto.randomBytes(16).toString('base64')
}

export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/** Browser features the portal doesn't use, switched off (passkeys and the clipboard stay at their same-origin default). */
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'bluetooth=()',
  'browsing-topics=()',
].join(', ')

export function securityHeaders(nonce: string, https: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(nonce, https),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // same-origin, not no-referrer: under no-referrer a form post's Origin is "null", which Next's server-action CSRF check refuses.
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

/**
 * npm run keys:rotate [-- --new-key]
 *
 * Re-seals every SIP password, authenticator-app secret and mailed link still
 * kept under the current encryption key.
 * - With DATABASE_URL: first set APP_ENCRYPTION_KEY to the new key and
 *   APP_ENCRYPTION_KEYS_PREVIOUS to the old one(s) on every instance, then run
 *   this; afterwards the previous keys can be removed.
 * - Embedded (PGlite): `--new-key` makes a new key in DATA_DIR/secrets.json
 *   (keeping the old one as previous) before re-sealing. Stop the app first:
 *   PGlite is one process per data directory.
 */
import { parseArgs } from 'node:util'
import { openDb } from '@/db/client'
import { ConfigError, loadSecrets, rotateEmbeddedEncryptionKey } from '@/lib/config/secrets'
import { keyringFrom } from '@/lib/crypto/keyring'
import { rotateSipSecrets, secretsOutsideCurrentKey } from '@/lib/extensions/rotate-sip-secrets'
import { resealRows } from '@/lib/crypto/reseal-rows'
import { TOTP_SEALED } from '@/lib/auth/two-factor'
import { MAIL_LINKS_SEALED } from '@/lib/mail/mail-outbox'
import { SSO_SECRET_SEALED } from '@/lib/sso/identity-provider'
import { WEBHOOK_SECRETS_SEALED } from '@/lib/webhooks/webhook-secrets'

const { values } = parseArgs({ strict: true, options: { 'new-key': { type: 'boolean', default: false } } })
try {
  const secrets = values['new-key'] ? rotateEmbeddedEncryptionKey() : loadSecrets()
  const ring = keyringFrom(secrets.encryptionKey, secrets.previousEncryptionKeys)
  const handle = await openDb()
  try {
    const t = performance.now()
    const count = await rotateSipSecrets(handle.db, ring)
    const totp = await resealRows(handle.db, ring, TOTP_SEALED)
    const links = await resealRows(handle.db, ring, MAIL_LINKS_SEALED)
    const sso = await resealRows(handle.db, ring, SSO_SECRET_SEALED)
    let hooks = 0
    for (const column of WEBHOOK_SECRETS_SEALED) hooks += await resealRows(handle.db, ring, column)
    const left = await secretsOutsideCurrentKey(handle.db, ring)
    console.log(
      `Re-sealed ${count} SIP secret${count === 1 ? '' : 's'}, ${totp} authenticator-app secret${totp === 1 ? '' : 's'}, ${links} mailed link${links === 1 ? '' : 's'}, ${sso} single sign-on client secret${sso === 1 ? '' : 's'} and ${hooks} webhook signing secret${hooks === 1 ? '' : 's'} with key ${ring.currentId} in ${Math.round(performance.now() - t)} ms; ${left} SIP secrets left under other keys.`,
    )
    if (left) process.exitCode = 1
  } finally {
    await handle.close()
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(2)
  }
  throw error
}

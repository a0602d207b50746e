import QRCode from 'qrcode'
import { totpUri } from '@/lib/auth/totp'

/**
 * The authenticator-app key: a QR code of the otpauth:// URI (made by qrcode,
 * on the server, as an image) and the key as text for typing it in by hand.
 */
export async function TotpKey({ secret, workspace, username }: { secret: string; workspace: string; username: string }) {
  const uri = totpUri(secret, { workspace, username })
  const qr = await QRCode.toDataURL(uri, { margin: 1, width: 200, errorCorrectionLevel: 'M' })
  const grouped = secret.match(/.{1,4}/g)!.join(' ')
  return (
    <div className="space-y-3">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Open an authenticator app (such as Google Authenticator, Microsoft Authenticator, 1Password or Authy).</li>
        <li>Scan this QR code, or enter the key below by hand (time-based, 6 digits).</li>
        <li>Type the 6-digit code the app shows, and choose Turn on.</li>
      </ol>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server; nothing to optimise */}
      <img src={qr} width={200} height={200} alt="QR code for your authenticator app" className="rounded border border-slate-200" />
      <div>
        <p className="field-label" id="totp-key-label">
          Key
        </p>
        <code aria-labelledby="totp-key-label" className="mt-1 block font-mono text-sm tracking-wider break-all" data-testid="totp-key">
          {grouped}
        </code>
      </div>
    </div>
  )
}

'use client'

import { ConfirmAction } from '@/app/_components/confirm-action'
import { DateTime, zoneNote } from '@/app/_components/date-time'

/** A row of a token list: an API token has an expiry, a SCIM token doesn't. */
export interface TokenTableRow {
  id: string
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
  expiresAt?: Date | null
  expired?: boolean
}

/**
 * The token list of My account / a user's page (API tokens) and of Settings ›
 * Provisioning (SCIM tokens): name, prefix, when made, last used, (expires),
 * and Revoke behind a confirmation, or when it was revoked.
 */
export function TokenTable({
  tokens,
  timeZone,
  createdLabel,
  withExpiry,
  empty,
  revoke,
  revoking,
  question,
  detail,
}: {
  tokens: TokenTableRow[]
  timeZone: string
  createdLabel: string
  withExpiry: boolean
  empty: string
  revoke: (form: FormData) => void
  revoking: boolean
  question: (name: string) => string
  detail: string
}) {
  if (tokens.length === 0) return <p className="mt-4 text-sm text-slate-600">{empty}</p>
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">{zoneNote(createdLabel, timeZone)}</th>
            <th scope="col">Last used</th>
            {withExpiry && <th scope="col">Expires</th>}
            <th scope="col">
              <span className="sr-only">Status</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.name}</th>
              <td>
                <code>{t.prefix}…</code>
              </td>
              <td>
                <DateTime value={t.createdAt} timeZone={timeZone} />
              </td>
              <td>{t.lastUsedAt ? <DateTime value={t.lastUsedAt} timeZone={timeZone} /> : <span className="muted">Never</span>}</td>
              {withExpiry && (
                <td>
                  {t.expiresAt ? <DateTime value={t.expiresAt} timeZone={timeZone} dateOnly /> : <span className="muted">Never</span>}
                </td>
              )}
              <td>
                {t.revokedAt ? (
                  <span className="muted">
                    Revoked <DateTime value={t.revokedAt} timeZone={timeZone} />
                  </span>
                ) : t.expired ? (
                  <span className="muted">Expired</span>
                ) : (
                  <ConfirmAction
                    action={revoke}
                    fields={{ tokenId: t.id }}
                    trigger="Revoke"
                    triggerLabel={`Revoke ${t.name}`}
                    question={question(t.name)}
                    detail={detail}
                    confirm="Revoke"
                    pending={revoking}
                    small
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

'use client'

import { useActionState } from 'react'
import { ConfirmAction } from '@/app/_components/confirm-action'
import { DateTime, zoneNote } from '@/app/_components/date-time'
import { Outcome } from '@/app/_components/form-bits'
import { ShownOnce } from '@/app/_components/shown-once'
import { TextField } from '@/app/_components/text-field'
import type { GenerateScimTokenResult } from '@/lib/scim/scim-tokens'
import { messageOf, type Result } from '@/lib/validation/result'

export interface ScimTokenRow {
  id: string
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

/** The identity provider's tokens: generate (shown once, here), list, revoke. Plain forms: no JavaScript needed but for Copy. */
export function ScimTokens({
  tokens,
  timeZone,
  generateAction,
  revokeAction,
}: {
  tokens: ScimTokenRow[]
  timeZone: string
  generateAction: (previous: unknown, form: FormData) => Promise<GenerateScimTokenResult>
  revokeAction: (previous: unknown, form: FormData) => Promise<Result<{ message: string }>>
}) {
  const [created, generate, generating] = useActionState(generateAction, null)
  const [revoked, revoke, revoking] = useActionState(revokeAction, null)
  return (
    <section aria-labelledby="scim-tokens-heading" className="mt-8 max-w-3xl rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="scim-tokens-heading" className="text-lg font-semibold">
        SCIM tokens
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Paste a token into the identity provider as its secret token (bearer). It acts as the provisioning identity: it creates, changes,
        deactivates and deletes users and groups, and every change is in the audit log as SCIM.
      </p>
      {created?.ok && <ShownOnce heading={`Token “${created.name}” generated.`} secret={created.token} testId="new-scim-token" />}
      {created && !created.ok && created.formError && <Outcome ok={false}>{created.formError}</Outcome>}
      <form action={generate} className="mt-4 flex flex-wrap items-end gap-4">
        <TextField
          id="scim-token-name"
          name="name"
          label="Token name"
          className="min-w-64"
          maxLength={100}
          error={created && !created.ok ? created.fieldErrors.name : undefined}
        />
        <button type="submit" className="btn-primary" disabled={generating}>
          Generate SCIM token
        </button>
      </form>
      {revoked && <Outcome ok={revoked.ok}>{messageOf(revoked)}</Outcome>}
      {tokens.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No SCIM tokens yet.</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">{zoneNote('Generated', timeZone)}</th>
                <th scope="col">Last used</th>
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
                  <td>
                    {t.revokedAt ? (
                      <span className="muted">
                        Revoked <DateTime value={t.revokedAt} timeZone={timeZone} />
                      </span>
                    ) : (
                      <ConfirmAction
                        action={revoke}
                        fields={{ tokenId: t.id }}
                        trigger="Revoke"
                        triggerLabel={`Revoke ${t.name}`}
                        question={`Revoke the SCIM token “${t.name}”?`}
                        detail="The identity provider’s next request with it is refused: provisioning stops until it has a new token."
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
      )}
    </section>
  )
}

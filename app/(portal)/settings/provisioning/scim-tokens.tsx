'use client'

import { useActionState } from 'react'
import { Outcome } from '@/app/_components/form-bits'
import { ShownOnce } from '@/app/_components/shown-once'
import { TextField } from '@/app/_components/text-field'
import type { GenerateScimTokenResult } from '@/lib/scim/scim-tokens'
import { messageOf, type Result } from '@/lib/validation/result'
import { TokenTable, type TokenTableRow } from '../../_tokens/token-table'

/** A SCIM token never expires: the table's row without the expiry. */
export type ScimTokenRow = Omit<TokenTableRow, 'expiresAt' | 'expired'>

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
      <TokenTable
        tokens={tokens}
        timeZone={timeZone}
        createdLabel="Generated"
        withExpiry={false}
        empty="No SCIM tokens yet."
        revoke={revoke}
        revoking={revoking}
        question={(name) => `Revoke the SCIM token “${name}”?`}
        detail="The identity provider’s next request with it is refused: provisioning stops until it has a new token."
      />
    </section>
  )
}

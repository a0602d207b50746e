'use client'

import { useActionState } from 'react'
import { Outcome } from '@/app/_components/form-bits'
import { ShownOnce } from '@/app/_components/shown-once'
import { TextField } from '@/app/_components/text-field'
import type { CreateTokenResult } from '@/lib/api-tokens/manage-tokens'
import { messageOf, type Result } from '@/lib/validation/result'
import { TokenTable, type TokenTableRow } from './token-table'

/** An API token always says its expiry (none: null) and whether it has passed. */
export type TokenRow = Required<TokenTableRow>

/**
 * A user's API tokens: generate (the token is shown once, here), list, revoke.
 * Plain forms to server actions: it all works without JavaScript except Copy.
 */
export function ApiTokens({
  tokens,
  timeZone,
  createAction,
  revokeAction,
}: {
  tokens: TokenRow[]
  timeZone: string
  createAction: (previous: unknown, form: FormData) => Promise<CreateTokenResult>
  revokeAction: (previous: unknown, form: FormData) => Promise<Result<{ message: string }>>
}) {
  const [created, createFormAction, creating] = useActionState(createAction, null)
  const [revoked, revokeFormAction, revoking] = useActionState(revokeAction, null)
  return (
    <section aria-labelledby="tokens-heading" className="mt-10 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="tokens-heading" className="text-lg font-semibold">
        API tokens
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A token acts with this user’s permissions in the REST API. It stops working when revoked, when it expires, or while the user is
        inactive. See the <a href="/api-docs">API reference</a>.
      </p>
      {created?.ok && <ShownOnce heading={`Token “${created.name}” created.`} secret={created.token} testId="new-token" />}
      {created && !created.ok && created.formError && (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {created.formError}
        </p>
      )}
      <form action={createFormAction} className="mt-4 flex flex-wrap items-end gap-4">
        <TextField
          id="token-name"
          name="name"
          label="Token name"
          className="min-w-64"
          maxLength={100}
          error={created && !created.ok ? created.fieldErrors.name : undefined}
        />
        <TextField
          id="token-expires"
          name="expiresOn"
          label="Expires on (optional)"
          type="date"
          error={created && !created.ok ? created.fieldErrors.expiresOn : undefined}
        />
        <button type="submit" className="btn-primary" disabled={creating}>
          Generate API token
        </button>
      </form>

      {revoked && <Outcome ok={revoked.ok}>{messageOf(revoked)}</Outcome>}
      <TokenTable
        tokens={tokens}
        timeZone={timeZone}
        createdLabel="Created"
        withExpiry
        empty="No API tokens yet."
        revoke={revokeFormAction}
        revoking={revoking}
        question={(name) => `Revoke the token “${name}”?`}
        detail="Anything using it stops working at once. This can’t be undone."
      />
    </section>
  )
}

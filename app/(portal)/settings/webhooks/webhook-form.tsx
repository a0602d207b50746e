'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { ErrorSummary } from '@/app/_components/error-summary'
import { ShownOnce } from '@/app/_components/shown-once'
import { TextField } from '@/app/_components/text-field'
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from '@/lib/webhooks/webhook-input'
import type { WebhookFormState } from './webhook-form-state'

/** A webhook's URL, its events and whether it is on: a plain form, no JavaScript needed; what was typed stays when refused. */
export function WebhookForm({
  action,
  initial,
}: {
  action: (s: WebhookFormState, f: FormData) => Promise<WebhookFormState>
  initial: WebhookFormState
}) {
  const [state, formAction, pending] = useActionState(action, initial)
  const errors = state.fieldErrors
  if (state.created) {
    return (
      <div className="mt-6 max-w-2xl">
        <ShownOnce heading="Webhook created. This is its signing secret:" secret={state.created.secret} testId="webhook-secret" />
        <p className="mt-4 text-sm">
          <Link href={`/settings/webhooks/${state.created.id}`}>Go to the webhook</Link> to send a test event and see its deliveries.
        </p>
      </div>
    )
  }
  return (
    <form key={state.submission} action={formAction} className="mt-6 max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-6">
      {state.formError && (
        <ErrorSummary id="webhook-form-error" submission={state.submission}>
          {state.formError}
        </ErrorSummary>
      )}
      <TextField
        id="url"
        label="URL"
        type="url"
        defaultValue={state.values.url}
        error={errors.url}
        required
        placeholder="https://pbx.example.com/switchboard-events"
        hint="Events are POSTed here as JSON, signed (Switchboard-Signature). https only, unless the operator allows the host."
      />
      <fieldset aria-describedby={errors.events ? 'events-error' : undefined}>
        <legend className="field-label">Events</legend>
        {errors.events && (
          <p id="events-error" role="alert" className="mt-1 text-sm text-red-700">
            {errors.events}
          </p>
        )}
        <ul className="mt-2 grid gap-1 sm:grid-cols-2">
          {WEBHOOK_EVENTS.map((event) => (
            <li key={event}>
              <label className="flex gap-2 text-sm">
                <input type="checkbox" name="events" value={event} defaultChecked={state.values.events.includes(event)} className="mt-1" />
                <span>
                  <code>{event}</code>
                  <span className="block text-slate-600">{WEBHOOK_EVENT_LABELS[event]}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={state.values.enabled} />
        Enabled
      </label>
      <button type="submit" className="btn-primary" disabled={pending}>
        Save
      </button>
    </form>
  )
}

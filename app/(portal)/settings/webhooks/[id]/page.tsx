import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { ConfirmAction } from '@/app/_components/confirm-action'
import { DateTime, zoneNote } from '@/app/_components/date-time'
import { EmptyState, PageHeader, TableFrame } from '@/app/_components/page-bits'
import { PageFlash } from '@/app/_flash/page-flash'
import { requirePermission } from '@/lib/auth/session'
import { recentDeliveries, webhookOf } from '@/lib/webhooks/list-webhooks'
import { objectTitle } from '../../../page-title'
import {
  deleteWebhookAction,
  redeliverAction,
  revealWebhookSecretAction,
  rotateWebhookSecretAction,
  sendTestEventAction,
  updateWebhookAction,
} from '../actions'
import { ActionButton, SecretControls } from '../webhook-controls'
import { WebhookForm } from '../webhook-form'

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
  const id = z.uuid().safeParse((await params).id)
  return objectTitle('settings.manage', 'Webhook', async (db, tenantId) =>
    id.success ? (await webhookOf(db, tenantId, id.data))?.url : null,
  )
}

const STATUS: Record<string, string> = { delivered: 'Delivered', failed: 'Failed (gave up)', pending: 'Waiting' }

/** One webhook: its settings, its signing secret, a test event, and its recent deliveries with Redeliver. */
export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission('settings.manage')
  const db = await getDb()
  const hook = await webhookOf(db, user.tenantId, (await params).id)
  if (!hook) notFound()
  const deliveries = await recentDeliveries(db, user.tenantId, hook.id)
  return (
    <>
      <PageHeader back={{ href: '/settings/webhooks', label: 'Webhooks', current: hook.url }} title="Webhook" />
      <PageFlash messages={{ 'webhook-saved': 'Webhook saved.' }} />
      {!hook.enabled && hook.disabledReason && (
        <p role="alert" className="mt-4 max-w-2xl rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {hook.disabledReason} Fix the receiver, then tick Enabled and save.
        </p>
      )}
      <WebhookForm
        action={updateWebhookAction.bind(null, hook.id)}
        initial={{ submission: 0, fieldErrors: {}, values: { url: hook.url, events: hook.events, enabled: hook.enabled } }}
      />
      <section aria-labelledby="secret-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="secret-heading" className="text-base font-semibold">
          Signing secret
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          The receiver checks each event’s Switchboard-Signature with it (the README shows how).
          {hook.previousSecretUntil && hook.previousSecretUntil > new Date() && (
            <>
              {' '}
              The previous secret signs too until <DateTime value={hook.previousSecretUntil} timeZone={user.timeZone} />.
            </>
          )}
        </p>
        <SecretControls reveal={revealWebhookSecretAction.bind(null, hook.id)} rotate={rotateWebhookSecretAction.bind(null, hook.id)} />
      </section>
      <div className="mt-6 flex max-w-2xl flex-wrap items-start gap-4">
        <ActionButton action={sendTestEventAction.bind(null, hook.id)} label="Send test event" />
        <ConfirmAction
          action={deleteWebhookAction.bind(null, hook.id)}
          trigger="Delete webhook"
          question="Delete this webhook?"
          detail="Nothing more is sent to it, and its waiting deliveries are dropped."
          confirm="Delete"
        />
      </div>
      <section aria-labelledby="deliveries-heading" className="mt-8">
        <h2 id="deliveries-heading" className="text-lg font-semibold">
          Recent deliveries
        </h2>
        {deliveries.length === 0 ? (
          <EmptyState>Nothing sent yet.</EmptyState>
        ) : (
          <TableFrame className="mt-3">
            <table className="data-table">
              <caption className="sr-only">The latest 50 deliveries, newest first (times in {user.timeZone})</caption>
              <thead>
                <tr>
                  <th scope="col">{zoneNote('Time', user.timeZone)}</th>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Response</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">
                    <span className="sr-only">Redeliver</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <DateTime value={d.lastAttemptAt ?? d.queuedAt} timeZone={user.timeZone} />
                    </td>
                    <td>
                      <code>{d.eventType}</code>
                    </td>
                    <td>
                      {STATUS[d.status]}
                      {d.status === 'pending' && d.attempts > 0 && (
                        <span className="block text-xs text-slate-600">
                          next try <DateTime value={d.nextAttemptAt} timeZone={user.timeZone} />
                        </span>
                      )}
                    </td>
                    <td className="[overflow-wrap:anywhere]">{d.lastStatus ?? d.lastError ?? '—'}</td>
                    <td>{d.lastDurationMs === null ? '—' : `${d.lastDurationMs} ms`}</td>
                    <td>{d.attempts}</td>
                    <td>
                      <ActionButton
                        action={redeliverAction.bind(null, hook.id)}
                        fields={{ deliveryId: d.id }}
                        label="Redeliver"
                        accessibleLabel={`Redeliver ${d.eventType}`}
                        small
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        )}
      </section>
    </>
  )
}

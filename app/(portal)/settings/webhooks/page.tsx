import type { Metadata } from 'next'
import Link from 'next/link'
import { getDb } from '@/db/client'
import { DateTime } from '@/app/_components/date-time'
import { EmptyState, PageHeader, TableFrame } from '@/app/_components/page-bits'
import { PageFlash } from '@/app/_flash/page-flash'
import { requirePermission } from '@/lib/auth/session'
import { listWebhooks } from '@/lib/webhooks/list-webhooks'

export const metadata: Metadata = { title: 'Webhooks · Settings' }

/** Settings › Webhooks (`settings.manage`): where the workspace's events go. */
export default async function WebhooksPage() {
  const user = await requirePermission('settings.manage')
  const hooks = await listWebhooks(await getDb(), user.tenantId)
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="Webhooks" />
      <PageFlash messages={{ 'webhook-deleted': 'Webhook deleted: nothing more is sent to it.' }} />
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Tell the PBX, the WFM tool or the CRM the moment users, extensions and eligibility change: each event is POSTed, signed, to the
        webhook’s URL, in order, and retried for 24 hours if the receiver is down.
      </p>
      <p className="mt-4">
        <Link href="/settings/webhooks/new" className="btn-primary no-underline">
          New webhook
        </Link>
      </p>
      {hooks.length === 0 ? (
        <EmptyState>No webhooks yet.</EmptyState>
      ) : (
        <TableFrame>
          <table className="data-table">
            <caption className="sr-only">Webhooks</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col">Waiting</th>
              </tr>
            </thead>
            <tbody>
              {hooks.map((h) => (
                <tr key={h.id}>
                  <th scope="row" className="[overflow-wrap:anywhere]">
                    <Link href={`/settings/webhooks/${h.id}`}>{h.url}</Link>
                  </th>
                  <td>{h.events.length}</td>
                  <td>
                    {!h.enabled ? (
                      <span className="text-red-800">{h.disabledReason ?? 'Switched off'}</span>
                    ) : h.failingSince ? (
                      <span className="text-amber-800">
                        Failing since <DateTime value={h.failingSince} timeZone={user.timeZone} />
                      </span>
                    ) : (
                      'Enabled'
                    )}
                  </td>
                  <td>{h.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
    </>
  )
}

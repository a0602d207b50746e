import type { Metadata } from 'next'
import { getDb } from '@/db/client'
import { DateTime, zoneNote } from '@/app/_components/date-time'
import { EmptyState, PageHeader, TableFrame } from '@/app/_components/page-bits'
import { requirePermission } from '@/lib/auth/session'
import { mailConfig } from '@/lib/mail/mail-config'
import { recentMail, type MailDelivery } from '@/lib/mail/mail-outbox'
import { kickMailWorker } from '@/lib/mail/mail-worker'
import { sendTestMailAction } from './actions'
import { TestMailForm } from './test-mail-form'

export const metadata: Metadata = { title: 'Email · Settings' }

const KINDS: Record<MailDelivery['kind'], string> = { invitation: 'Invitation', password_reset: 'Password reset', test: 'Test email' }

/** Where SMTP_URL points, without its credentials. */
function smtpHost(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}${u.port ? `:${u.port}` : ''}`
  } catch {
    return 'an SMTP server'
  }
}

export default async function EmailSettingsPage() {
  const user = await requirePermission('settings.manage')
  // Looking here also nudges this instance to send anything due.
  kickMailWorker()
  const config = mailConfig()
  const mails = await recentMail(await getDb(), user.tenantId)
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="Email" />
      <div className="mt-4 max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 text-sm">
        {config.smtpUrl ? (
          <p>
            Mail is sent through <strong>{smtpHost(config.smtpUrl)}</strong> from <strong>{config.from}</strong>, and retried for about a
            day when the server refuses it.
          </p>
        ) : (
          <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900">
            Email isn’t set up on this server: mail is written as .eml files to <code>{config.fileDir}</code> instead of being sent. Where a
            mail carries a link (an invitation, a password reset), the user’s edit page shows it for you to hand over. The operator sets{' '}
            <code>SMTP_URL</code> and <code>MAIL_FROM</code> to send mail.
          </p>
        )}
        <TestMailForm action={sendTestMailAction} />
      </div>
      <h2 className="mt-8 text-lg font-semibold">Recent mail</h2>
      {mails.length === 0 ? (
        <EmptyState>No mail yet.</EmptyState>
      ) : (
        <TableFrame>
          <caption className="sr-only">The workspace’s latest 50 mails, newest first (times in {user.timeZone})</caption>
          <thead>
            <tr>
              <th scope="col">{zoneNote('Queued', user.timeZone)}</th>
              <th scope="col">What</th>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr key={m.id}>
                <td>
                  <DateTime value={m.createdAt} timeZone={user.timeZone} />
                </td>
                <td>{KINDS[m.kind] ?? m.kind}</td>
                <td>{m.toAddress}</td>
                <td className={m.status === 'failed' ? 'text-red-700' : undefined}>
                  {m.status === 'sent' && m.sentAt ? (
                    <>
                      Sent <DateTime value={m.sentAt} timeZone={user.timeZone} />
                    </>
                  ) : m.status === 'failed' ? (
                    'Failed (gave up)'
                  ) : m.attempts > 0 ? (
                    <>
                      Waiting to retry at <DateTime value={m.nextAttemptAt} timeZone={user.timeZone} />
                    </>
                  ) : (
                    'Waiting'
                  )}
                </td>
                <td>{m.attempts}</td>
                <td className="max-w-xs break-words">{m.lastError ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </>
  )
}

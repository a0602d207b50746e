import type { Metadata } from 'next'
import { PageHeader } from '@/app/_components/page-bits'
import { requirePermission } from '@/lib/auth/session'
import { WEBHOOK_EVENTS } from '@/lib/webhooks/webhook-input'
import { createWebhookAction } from '../actions'
import { WebhookForm } from '../webhook-form'

export const metadata: Metadata = { title: 'New webhook · Settings' }

export default async function NewWebhookPage() {
  await requirePermission('settings.manage')
  return (
    <>
      <PageHeader back={{ href: '/settings/webhooks', label: 'Webhooks', current: 'New webhook' }} title="New webhook" />
      <WebhookForm
        action={createWebhookAction}
        initial={{ submission: 0, fieldErrors: {}, values: { url: '', events: [...WEBHOOK_EVENTS], enabled: true } }}
      />
    </>
  )
}

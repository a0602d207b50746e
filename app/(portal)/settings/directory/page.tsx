import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { getDb } from '@/db/client'
import { requirePermission } from '@/lib/auth/session'
import { directorySecretOf } from '@/lib/directory/directory'
import { CopyField } from '@/app/_components/copy-field'
import { ConfirmAction } from '@/app/_components/confirm-action'
import { PageHeader } from '@/app/_components/page-bits'
import { PageFlash } from '@/app/_flash/page-flash'
import { regenerateDirectoryAction } from './actions'

export const metadata: Metadata = { title: 'Directory of Users' }

const FORMATS = [
  {
    format: 'yealink',
    label: 'Yealink',
    hint: 'Directory › Remote Phone Book: paste the URL as the Remote URL, give it a display name, and set the update interval (e.g. 60 minutes).',
  },
  {
    format: 'grandstream',
    label: 'Grandstream',
    hint: 'Phonebook › Phonebook Management: Enable Phonebook XML Download over HTTPS, with this URL as the Phonebook XML Server Path, and a download interval.',
  },
  {
    format: 'json',
    label: 'JSON',
    hint: 'For softphones and scripts: { workspace, entries: [{ fullName, extension, jobTitle, department, mobile }] }.',
  },
] as const

/** The portal's public origin: NEXTAUTH_URL, as the sign-in links use, or the request's host. */
async function origin(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL.replace(/\/$/, '')
  const h = await headers()
  return `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost'}`
}

export default async function DirectoryPage() {
  const user = await requirePermission('settings.manage')
  const secret = await directorySecretOf(await getDb(), user.tenantId)
  const base = `${await origin()}/directory/${secret}`
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="Directory of Users" />
      <PageFlash messages={{ 'directory-regenerated': 'New directory URL generated. Phones using the old one must be given this one.' }} />
      <p className="mt-4 max-w-3xl text-sm text-slate-700">
        Phones and softphones load the workspace’s phone book from this URL, without signing in: anyone with the URL can read it, so share
        it like a password. It lists active users with an extension who are not marked <em>Hide from directory</em>. For one phone, add{' '}
        <code>&amp;ext=</code> and its extension number: its own entry is then left out.
      </p>
      <ul className="mt-6 space-y-6">
        {FORMATS.map((f) => {
          const url = `${base}?format=${f.format}`
          return (
            <li key={f.format}>
              <CopyField id={`url-${f.format}`} label={f.label} value={url} copyLabel={`Copy the ${f.label} URL`} hint={f.hint} />
            </li>
          )
        })}
      </ul>
      <div className="mt-8 max-w-3xl rounded-lg border border-amber-200 bg-amber-50 p-4">
        <p className="mb-3 text-sm text-amber-900">
          If the URL got out, generate a new one: the current URL stops working at once, on every phone that uses it.
        </p>
        <ConfirmAction
          action={regenerateDirectoryAction}
          trigger="Generate a new URL"
          question="Generate a new directory URL?"
          detail="The current URL stops working at once, on every phone that uses it."
          confirm="Generate a new URL"
        />
      </div>
    </>
  )
}

import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import type { Permission } from '@/lib/auth/permissions'
import { requireUser } from '@/lib/auth/session'

export const metadata: Metadata = { title: 'Settings' }

const SECTIONS: { href: string; label: string; permission: Permission; what: string }[] = [
  { href: '/settings/general', label: 'General', permission: 'settings.manage', what: 'The workspace’s time zone.' },
  {
    href: '/settings/extensions',
    label: 'Extensions',
    permission: 'extensions.manage',
    what: 'Numbers, SIP or WebRTC, SIP passwords and voicemail.',
  },
  { href: '/settings/profiles', label: 'Profiles', permission: 'settings.manage', what: 'Sub-roles that narrow a role’s permissions.' },
  { href: '/settings/groups', label: 'Groups', permission: 'settings.manage', what: 'Teams of users, with their members.' },
  {
    href: '/settings/directory',
    label: 'Directory of Users',
    permission: 'settings.manage',
    what: 'The phone book URL for desk phones and softphones.',
  },
  {
    href: '/settings/security',
    label: 'Security',
    permission: 'settings.manage',
    what: 'Require two-factor authentication for admins or everyone.',
  },
  {
    href: '/settings/single-sign-on',
    label: 'Single sign-on',
    permission: 'settings.manage',
    what: 'Sign in with your identity provider (OpenID Connect); require it, with break-glass admins.',
  },
  {
    href: '/settings/provisioning',
    label: 'Provisioning (SCIM)',
    permission: 'settings.manage',
    what: 'Let Okta or Entra ID create, change and deactivate users and groups.',
  },
  {
    href: '/settings/webhooks',
    label: 'Webhooks',
    permission: 'settings.manage',
    what: 'Tell the PBX, WFM or CRM the moment users, extensions and eligibility change.',
  },
  {
    href: '/settings/email',
    label: 'Email',
    permission: 'settings.manage',
    what: 'How mail is sent, recent deliveries and failures, a test email.',
  },
  { href: '/settings/deleted-users', label: 'Deleted users', permission: 'users.delete', what: 'Users who were deleted, with Restore.' },
  { href: '/settings/audit-log', label: 'Audit log', permission: 'settings.manage', what: 'Who changed what, and when.' },
]

export default async function SettingsPage() {
  const user = await requireUser()
  const sections = SECTIONS.filter((s) => user.permissions.has(s.permission))
  if (!user.permissions.has('settings.manage') && !user.permissions.has('extensions.manage') && sections.length === 0) notFound()
  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href} className="rounded-lg border border-slate-200 bg-white p-4">
            <Link href={s.href} className="font-medium">
              {s.label}
            </Link>
            <p className="mt-1 text-sm text-slate-600">{s.what}</p>
          </li>
        ))}
      </ul>
    </>
  )
}

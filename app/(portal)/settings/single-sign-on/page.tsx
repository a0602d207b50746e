import type { Metadata } from 'next'
import { getDb } from '@/db/client'
import { CopyField } from '@/app/_components/copy-field'
import { ConfirmAction } from '@/app/_components/confirm-action'
import { Outcome } from '@/app/_components/form-bits'
import { PageHeader } from '@/app/_components/page-bits'
import { PageFlash } from '@/app/_flash/page-flash'
import { requirePermission } from '@/lib/auth/session'
import { adminsForBreakGlass, ssoRedirectUrl, ssoSettingsOf, ssoTestResultOf } from '@/lib/sso/list-sso-settings'
import { SSO_FAILURES, type SsoFailure } from '@/lib/sso/sso-sign-in'
import { NO_PERMISSION } from '@/lib/validation/result'
import { removeSsoAction, saveSsoSettingsAction } from './actions'
import { SsoForm } from './sso-form'

export const metadata: Metadata = { title: 'Single sign-on · Settings' }

const FLASH = {
  'sso-saved': 'Saved. People of this workspace can sign in with single sign-on.',
  'sso-required': 'Saved. Single sign-on is required: only break-glass admins can sign in with a password.',
  'sso-removed': 'Single sign-on removed: everyone signs in with their password again.',
}

/**
 * Settings › Single sign-on (`settings.manage`): the workspace's OpenID
 * Connect provider, the redirect URL to register there, Test sign-in, and the
 * break-glass admins.
 */
export default async function SingleSignOnPage({
  searchParams,
}: {
  searchParams: Promise<{ test?: string | string[]; 'test-failed'?: string | string[] }>
}) {
  const user = await requirePermission('settings.manage')
  const db = await getDb()
  const [settings, admins] = await Promise.all([ssoSettingsOf(db, user.tenantId), adminsForBreakGlass(db, user.tenantId)])
  const query = await searchParams
  const failed = query['test-failed']
  const test =
    typeof query.test === 'string'
      ? await ssoTestResultOf(db, user.tenantId, query.test, user.id)
      : typeof failed === 'string' && (failed === 'forbidden' || Object.hasOwn(SSO_FAILURES, failed))
        ? { ok: false, message: failed === 'forbidden' ? NO_PERMISSION : SSO_FAILURES[failed as SsoFailure] }
        : null
  const redirectUrl = ssoRedirectUrl(user.tenantSlug)
  return (
    <>
      <PageHeader back={{ href: '/settings', label: 'Settings' }} title="Single sign-on" />
      <PageFlash messages={FLASH} />
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        People sign in with your identity provider (OpenID Connect: Okta, Microsoft Entra ID, Google Workspace, Keycloak…) at{' '}
        <a href={`/sign-in/${user.tenantSlug}`} className="wrap-anywhere">
          /sign-in/{user.tenantSlug}
        </a>
        . Their verified email must be a user’s of this workspace.
      </p>
      <div className="mt-6">
        <CopyField
          id="redirect-url"
          label="Redirect URL"
          value={redirectUrl}
          copyLabel="Copy the redirect URL"
          hint="Register it at the identity provider as the application’s sign-in redirect URI (a web application, authorization code flow)."
        />
      </div>
      {test && (
        <Outcome ok={test.ok} className="mt-6 max-w-2xl">
          <span className="font-medium">Test sign-in {test.ok ? 'worked' : 'didn’t work'}:</span> {test.message}
          {test.subject && (
            <span className="mt-1 block text-xs">
              Subject {test.subject}
              {test.email ? `, email ${test.email} (${test.emailVerified ? 'verified' : 'not verified'})` : ''}
            </span>
          )}
        </Outcome>
      )}
      <SsoForm
        action={saveSsoSettingsAction}
        secretSaved={settings !== null}
        admins={admins}
        initial={{
          submission: 0,
          fieldErrors: {},
          values: {
            issuerUrl: settings?.issuerUrl ?? '',
            clientId: settings?.clientId ?? '',
            displayName: settings?.displayName ?? '',
            createUsers: settings?.createUsers ?? false,
            requireSso: settings?.requireSso ?? false,
            breakGlass: admins.filter((a) => a.breakGlass).map((a) => a.id),
          },
        }}
      />
      {settings && (
        <div className="mt-6 flex max-w-2xl flex-wrap items-start gap-4">
          <a href="/settings/single-sign-on/test" className="btn-secondary no-underline">
            Test sign-in
          </a>
          <ConfirmAction
            action={removeSsoAction}
            trigger="Remove single sign-on"
            question="Remove single sign-on?"
            detail="Nobody can sign in with the identity provider any more; everyone signs in with their password (people without one need an invitation or a password reset)."
            confirm="Remove"
          />
        </div>
      )}
    </>
  )
}

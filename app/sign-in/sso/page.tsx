import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { AuthCard, FormAlert } from '@/app/_components/auth-card'
import { TextField } from '@/app/_components/text-field'
import { safeReturnPath } from '@/lib/http/return-path'
import { isWorkspaceSlug } from '../[workspace]/sso/sso-redirects'

export const metadata: Metadata = { title: 'Sign in with single sign-on' }

/**
 * Which workspace? Then on to its sign-in page (`/sign-in/<workspace>`), which
 * offers its identity provider. A GET form: no JavaScript, nothing stored.
 */
export default async function SsoWorkspacePage({
  searchParams,
}: {
  searchParams: Promise<{ workspace?: string | string[]; next?: string | string[] }>
}) {
  const query = await searchParams
  const next = safeReturnPath(query.next)
  const typed = typeof query.workspace === 'string' ? query.workspace.trim().toLowerCase() : null
  if (typed && isWorkspaceSlug(typed)) redirect(`/sign-in/${typed}${next ? `?next=${encodeURIComponent(next)}` : ''}`)
  return (
    <AuthCard title="Sign in with single sign-on" intro="Your workspace’s identity provider signs you in.">
      <form method="get" className="space-y-5" aria-describedby={typed !== null ? 'sso-workspace-error' : undefined}>
        {next && <input type="hidden" name="next" value={next} />}
        <FormAlert
          id="sso-workspace-error"
          message={typed !== null ? 'Enter your workspace’s sign-in name (letters, digits and hyphens).' : null}
        />
        <TextField id="workspace" label="Workspace" autoComplete="organization" autoCapitalize="none" spellCheck={false} required />
        <button type="submit" className="btn-primary w-full">
          Continue
        </button>
      </form>
      <p className="mt-5 text-center text-sm">
        <Link href="/sign-in">Sign in with a password</Link>
      </p>
    </AuthCard>
  )
}

import { notFound } from 'next/navigation'
import { getDb } from '@/db/client'
import { setSsoFlowCookie } from '@/lib/auth/session'
import { safeReturnPath } from '@/lib/http/return-path'
import { SSO_STEP_SECONDS, startSsoSignIn } from '@/lib/sso/sso-sign-in'
import { isWorkspaceSlug, refusedPage, seeOther } from './sso-redirects'

/**
 * `Sign in with <provider>`: a link, not a form, because the Content-Security-
 * Policy's `form-action 'self'` rightly stops a form post from being redirected
 * to another site. Starts the flow and sends the browser to the identity
 * provider. Anyone may open it: it only starts a sign-in the provider must
 * complete, and a flow nobody finishes ends in ten minutes.
 */
export async function GET(request: Request, { params }: { params: Promise<{ workspace: string }> }): Promise<Response> {
  const slug = (await params).workspace.toLowerCase()
  if (!isWorkspaceSlug(slug)) notFound()
  const next = safeReturnPath(new URL(request.url).searchParams.get('next'))
  const result = await startSsoSignIn(await getDb(), slug, { purpose: 'sign_in', returnPath: next })
  if (!result.ok) return seeOther(refusedPage(slug, result.failure))
  await setSsoFlowCookie(slug, result.cookieToken, SSO_STEP_SECONDS)
  return seeOther(result.redirectTo)
}

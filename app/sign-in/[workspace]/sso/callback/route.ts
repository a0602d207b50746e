import { notFound, redirect } from 'next/navigation'
import { getDb } from '@/db/client'
import { currentClient, startSession, takeSsoFlowCookie } from '@/lib/auth/session'
import { finishSsoSignIn } from '@/lib/sso/sso-sign-in'
import { isWorkspaceSlug, refusedPage, seeOther } from '../sso-redirects'

/**
 * The redirect URL registered at the identity provider: finishes the flow this
 * browser started (its cookie, once) and signs in, or says why not. A Test
 * sign-in goes back to Settings with what came back, signing nobody in.
 */
export async function GET(request: Request, { params }: { params: Promise<{ workspace: string }> }): Promise<Response> {
  const slug = (await params).workspace.toLowerCase()
  if (!isWorkspaceSlug(slug)) notFound()
  const cookieToken = await takeSsoFlowCookie(slug)
  const result = await finishSsoSignIn(await getDb(), slug, cookieToken, new URL(request.url), await currentClient())
  if (result.kind === 'refused') return seeOther(refusedPage(slug, result.failure))
  if (result.kind === 'tested') return seeOther(`/settings/single-sign-on?test=${result.id}`)
  await startSession(result.signedIn)
  // redirect() keeps the session cookie set above in this response.
  redirect(result.returnPath ?? '/')
}

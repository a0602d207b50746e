import { getDb } from '@/db/client'
import { sessionActor } from '@/lib/auth/actor'
import { setSsoFlowCookie } from '@/lib/auth/session'
import { SSO_STEP_SECONDS, startTestSignIn } from '@/lib/sso/sso-sign-in'
import { seeOther } from '@/app/sign-in/[workspace]/sso/sso-redirects'

/**
 * `Test sign-in` (`settings.manage`, a link: see the sign-in's start route for
 * why not a form): the saved provider's sign-in in this browser; the callback
 * brings what it said back to Settings, signing nobody in. A refusal before
 * leaving (the provider can't be reached) comes back as `?test-failed=`.
 */
export async function GET(): Promise<Response> {
  const actor = await sessionActor('settings.manage')
  const started = await startTestSignIn(await getDb(), actor)
  if (!started.ok) return seeOther(`/settings/single-sign-on?test-failed=${started.failure}`)
  await setSsoFlowCookie(started.slug, started.cookieToken, SSO_STEP_SECONDS)
  return seeOther(started.redirectTo)
}

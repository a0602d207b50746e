import 'server-only'
import crypto from 'node:crypto'
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import * as oidc from 'openid-client'
import type { Db } from '@/db/client'
import { ssoSignIns, users } from '@/db/schema'
import { completeSignIn, type SignedIn } from '@/lib/auth/complete-sign-in'
import { provisioningActor, type Actor } from '@/lib/auth/actor'
import { recordLoginEvent } from '@/lib/auth/login-events'
import type { ClientInfo } from '@/lib/http/client-info'
import { loggableError } from '@/lib/logging/loggable-error'
import { provisionUser } from '@/lib/users/provision-users'
import { connectionBySlug, providerConfig, type Connection } from './identity-provider'
import { slugOfWorkspace, ssoRedirectUrl, type SsoTestResult } from './list-sso-settings'

/**
 * Sign-in with the workspace's identity provider: OpenID Connect's
 * authorization code flow with PKCE, state and nonce (openid-client). The
 * browser that starts it gets a random token in a cookie; only its hash is
 * stored, with the state and nonce, and the PKCE verifier is derived from it,
 * so the callback completes only in that browser, once, within ten minutes.
 * The ID token's verified email must belong to a live, active user of this
 * workspace (or, when the workspace says so, makes a new Agent); the session is
 * the same one a password opens (completeSignIn), and its login event says SSO.
 */

export const SSO_STEP_SECONDS = 600

/** Why a sign-in with the identity provider was refused: each has its sentence on the sign-in page (SSO_FAILURES). */
export type SsoFailure =
  | 'not_configured'
  | 'unreachable'
  | 'expired'
  | 'state'
  | 'provider'
  | 'code'
  | 'token'
  | 'no_email'
  | 'unverified'
  | 'no_user'
  | 'inactive'

export const SSO_FAILURES: Record<SsoFailure, string> = {
  not_configured: 'This workspace has no single sign-on. Sign in with your password.',
  unreachable:
    'The identity provider could not be reached, or its issuer didn’t match the one configured. Try again later, or ask an admin to check Settings › Single sign-on.',
  expired: 'This sign-in took too long or was already finished. Start again.',
  state: 'The answer from the identity provider doesn’t belong to the sign-in this browser started. Start again.',
  provider: 'The identity provider didn’t sign you in. Start again, or ask your identity provider’s admin.',
  code: 'The identity provider refused to finish this sign-in (its code was already used or has expired). Start again.',
  token: 'The identity provider’s answer could not be verified. Ask an admin to check Settings › Single sign-on.',
  no_email: 'The identity provider didn’t say what your email address is. Ask its admin to release the email claim.',
  unverified: 'Your identity provider hasn’t verified your email address, so it can’t sign you in here.',
  no_user: 'Nobody in this workspace has that email address. Ask an admin to add you.',
  inactive: 'Your account in this workspace is inactive. Ask an admin.',
}

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex')
const verifierOf = (token: string) => crypto.createHash('sha256').update(`pkce:${token}`).digest('base64url')

export type StartResult = { ok: true; redirectTo: string; cookieToken: string } | { ok: false; failure: SsoFailure }

/**
 * Starts a sign-in (or an admin's Test sign-in, which signs nobody in) with the
 * identity provider of workspace `slug`: the URL to send the browser to, and
 * the token for its cookie.
 */
export async function startSsoSignIn(
  db: Db,
  slug: string,
  request: { purpose: 'sign_in'; returnPath: string | null } | { purpose: 'test'; requestedBy: { tenantId: string; userId: string } },
): Promise<StartResult> {
  const connection = await connectionBySlug(db, slug)
  if (!connection || (request.purpose === 'test' && request.requestedBy.tenantId !== connection.tenantId)) {
    return { ok: false, failure: 'not_configured' }
  }
  let config: oidc.Configuration
  try {
    config = await providerConfig(connection)
  } catch (error) {
    console.error(`[sso] discovery for workspace ${slug} failed:`, loggableError(error))
    return { ok: false, failure: 'unreachable' }
  }
  const cookieToken = crypto.randomBytes(32).toString('base64url')
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  await db
    .delete(ssoSignIns)
    .where(and(eq(ssoSignIns.tenantId, connection.tenantId), lt(ssoSignIns.expiresAt, sql`now() - interval '1 day'`)))
  await db.insert(ssoSignIns).values({
    tenantId: connection.tenantId,
    tokenHash: hash(cookieToken),
    state,
    nonce,
    purpose: request.purpose,
    requestedBy: request.purpose === 'test' ? request.requestedBy.userId : null,
    returnPath: request.purpose === 'sign_in' ? request.returnPath : null,
    expiresAt: sql`now() + make_interval(secs => ${SSO_STEP_SECONDS})`,
  })
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUrl(slug),
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifierOf(cookieToken)),
    code_challenge_method: 'S256',
    // A test must show the provider's own sign-in, not a session it still has.
    ...(request.purpose === 'test' ? { prompt: 'login' } : {}),
  })
  return { ok: true, redirectTo: url.href, cookieToken }
}

/** Settings' `Test sign-in` (`settings.manage`): the workspace's own provider, in the admin's browser. */
export async function startTestSignIn(
  db: Db,
  actor: Actor,
): Promise<{ ok: true; redirectTo: string; cookieToken: string; slug: string } | { ok: false; failure: SsoFailure | 'forbidden' }> {
  if (!actor.permissions.has('settings.manage')) return { ok: false, failure: 'forbidden' }
  const slug = await slugOfWorkspace(db, actor.tenantId)
  if (!slug) return { ok: false, failure: 'not_configured' }
  const started = await startSsoSignIn(db, slug, { purpose: 'test', requestedBy: actor })
  return started.ok ? { ...started, slug } : started
}

export type FinishResult =
  | { kind: 'signed_in'; signedIn: SignedIn; returnPath: string | null }
  | { kind: 'tested'; id: string }
  | { kind: 'refused'; failure: SsoFailure }

interface Identity {
  subject: string
  email: string | null
  emailVerified: boolean
  name: string | null
}

async function identityFrom(
  config: oidc.Configuration,
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
): Promise<Identity> {
  const claims = tokens.claims()!
  let source: Record<string, unknown> = claims
  // Providers may keep the email for the userinfo endpoint (the ID token carries only `sub`).
  if (typeof claims.email !== 'string') source = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims }
  const given = [source.given_name, source.family_name].filter((v): v is string => typeof v === 'string' && v.trim() !== '')
  return {
    subject: claims.sub,
    email: typeof source.email === 'string' ? source.email.trim() : null,
    // Entra and others may send the string "true".
    emailVerified: source.email_verified === true || source.email_verified === 'true',
    name: typeof source.name === 'string' && source.name.trim() ? source.name.trim() : given.length ? given.join(' ') : null,
  }
}

/** Finishes the flow at the callback URL (`currentUrl`, with the provider's query) in the browser holding `cookieToken`. */
export async function finishSsoSignIn(
  db: Db,
  slug: string,
  cookieToken: string | null,
  currentUrl: URL,
  client: ClientInfo,
): Promise<FinishResult> {
  const refused = (failure: SsoFailure): FinishResult => ({ kind: 'refused', failure })
  const connection = await connectionBySlug(db, slug)
  if (!connection) return refused('not_configured')
  if (!cookieToken) return refused('expired')
  // Used once: a second visit of the same callback URL (a replay) finds nothing.
  const [flow] = await db
    .update(ssoSignIns)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(ssoSignIns.tenantId, connection.tenantId),
        eq(ssoSignIns.tokenHash, hash(cookieToken)),
        isNull(ssoSignIns.usedAt),
        gt(ssoSignIns.expiresAt, sql`now()`),
      ),
    )
    .returning()
  if (!flow) return refused('expired')
  const test = async (result: SsoTestResult): Promise<FinishResult> => {
    await db
      .update(ssoSignIns)
      .set({ result })
      .where(and(eq(ssoSignIns.tenantId, connection.tenantId), eq(ssoSignIns.id, flow.id)))
    return { kind: 'tested', id: flow.id }
  }
  const fail = (failure: SsoFailure) => (flow.purpose === 'test' ? test({ ok: false, message: SSO_FAILURES[failure] }) : refused(failure))

  const params = currentUrl.searchParams
  if (params.get('state') !== flow.state) return fail('state')
  if (params.has('error')) return fail('provider')
  // What the provider redirected to, as registered: the public URL, whatever address this request came in on.
  const callback = new URL(ssoRedirectUrl(slug))
  callback.search = currentUrl.search

  let identity: Identity
  try {
    const config = await providerConfig(connection)
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifierOf(cookieToken),
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      })
      identity = await identityFrom(config, tokens)
    } catch (error) {
      console.error(`[sso] sign-in to workspace ${slug} refused:`, loggableError(error))
      return fail(error instanceof oidc.ResponseBodyError ? 'code' : 'token')
    }
  } catch (error) {
    console.error(`[sso] discovery for workspace ${slug} failed:`, loggableError(error))
    return fail('unreachable')
  }

  const match = identity.email ? await liveUserByEmail(db, connection.tenantId, identity.email) : null
  if (flow.purpose === 'test') {
    const failure = !identity.email ? 'no_email' : !identity.emailVerified ? 'unverified' : null
    return test({
      ok: failure === null && (match !== null || connection.createUsers),
      message: failure
        ? SSO_FAILURES[failure]
        : match
          ? `${identity.email} signs in as ${match.fullName} (${match.username}).`
          : connection.createUsers
            ? `${identity.email} matches nobody yet: their first sign-in will create them as an Agent.`
            : SSO_FAILURES.no_user,
      email: identity.email ?? undefined,
      emailVerified: identity.emailVerified,
      subject: identity.subject,
      matchedUser: match ? `${match.fullName} (${match.username})` : null,
    })
  }

  const event = (userId: string | null, outcome: 'invalid_credentials' | 'inactive') =>
    recordLoginEvent(db, {
      tenantId: connection.tenantId,
      userId,
      identifier: identity.email ?? identity.subject,
      kind: 'sign_in',
      outcome,
      factor: 'sso',
      client,
    })
  if (!identity.email) return refused('no_email')
  if (!identity.emailVerified) {
    await event(match?.id ?? null, 'invalid_credentials')
    return refused('unverified')
  }
  let user = match
  if (!user) {
    if (!connection.createUsers) {
      await event(null, 'invalid_credentials')
      return refused('no_user')
    }
    user = await createOnFirstSignIn(db, connection, { ...identity, email: identity.email }, client)
    if (!user) {
      await event(null, 'invalid_credentials')
      return refused('no_user')
    }
  }
  if (user.status !== 'active') {
    await event(user.id, 'inactive')
    return refused('inactive')
  }
  const signedIn = await completeSignIn(db, {
    tenantId: connection.tenantId,
    userId: user.id,
    identifier: identity.email,
    client,
    factor: 'sso',
  })
  return { kind: 'signed_in', signedIn, returnPath: flow.returnPath }
}

async function liveUserByEmail(db: Db, tenantId: string, email: string) {
  const [row] = await db
    .select({ id: users.id, fullName: users.fullName, username: users.username, status: users.status })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), isNull(users.deletedAt), sql`lower(${users.email}) = lower(${email})`))
    .limit(1)
  return row ?? null
}

/** `Create users on first sign-in`: an Agent named as the provider says (null when the provider's values don't make a valid user). */
async function createOnFirstSignIn(db: Db, c: Connection, identity: Identity & { email: string }, client: ClientInfo) {
  const actor = provisioningActor(c.tenantId, 'SSO', new Set(['users.create']), client)
  const created = await provisionUser(db, actor, {
    userName: identity.email,
    fullName: identity.name ?? identity.email,
    email: identity.email,
    jobTitle: '',
    department: '',
    mobile: '',
    active: true,
    externalId: null,
  })
  if (!created.ok) {
    console.error(
      `[sso] could not create a user at first sign-in to ${c.slug}:`,
      created.reason,
      Object.keys(created.fieldErrors).join(', '),
    )
    return null
  }
  return liveUserByEmail(db, c.tenantId, identity.email)
}

import 'server-only'
import { cache } from 'react'
import { cookies, headers } from 'next/headers'
import { notFound, redirect } from 'next/navigation'
import type { NextAuthOptions, User as NextAuthUser } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { decode, encode, type JWT } from 'next-auth/jwt'
import { getDb } from '@/db/client'
import { loadSecrets } from '@/lib/config/secrets'
import { clientInfoFrom, type ClientInfo } from '@/lib/http/client-info'
import { REQUEST_PATH_HEADER, safeReturnPath } from '@/lib/http/return-path'
import { recordLoginEvent } from './login-events'
import type { Permission } from './permissions'
import { SESSION_MAX_AGE_SECONDS } from './session-constants'
import { endDashboardSession, loadSessionUser, type SessionClaims, type SessionUser } from './session-user'
import { verifyCredentials, type SignedIn } from './verify-credentials'
import { PENDING_SIGN_IN_SECONDS } from './pending-sign-in'

/**
 * The one session module. next-auth (v4, JWT strategy, Credentials provider)
 * owns the token format and cookie; everything else in the app asks this
 * module who is signed in, and this module re-checks the database each time.
 */

const secureCookies = () => (process.env.NEXTAUTH_URL ?? '').startsWith('https://')
const sessionCookieName = () => `${secureCookies() ? '__Secure-' : ''}next-auth.session-token`

let authSecretCache: string | undefined
/** Read once per process: in embedded mode it comes from a file, and it never changes while we run. */
const authSecret = () => (authSecretCache ??= loadSecrets().authSecret)

type SwitchboardToken = JWT & { uid?: string; tid?: string; sv?: number; sid?: string }

function claimsFromToken(token: SwitchboardToken | null): SessionClaims | null {
  if (!token || typeof token.uid !== 'string' || typeof token.tid !== 'string') return null
  if (typeof token.sv !== 'number' || typeof token.sid !== 'string') return null
  return { userId: token.uid, tenantId: token.tid, sessionVersion: token.sv, sessionId: token.sid }
}

function tokenFromSignIn(s: Pick<SignedIn, 'userId' | 'tenantId' | 'sessionVersion' | 'sessionId'>): SwitchboardToken {
  return { sub: s.userId, uid: s.userId, tid: s.tenantId, sv: s.sessionVersion, sid: s.sessionId }
}

/** Built on first use, never at import: secrets may not exist at build time. */
export function getAuthOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    useSecureCookies: secureCookies(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'Switchboard',
        credentials: {
          workspace: { label: 'Workspace', type: 'text' },
          identifier: { label: 'Username or email', type: 'text' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          const h = new Headers()
          for (const [k, v] of Object.entries(req.headers ?? {})) if (typeof v === 'string') h.set(k, v)
          const result = await verifyCredentials(await getDb(), credentials, clientInfoFrom(h))
          if (!result.ok) return null
          // next-auth hands this object to the jwt callback below as `user`.
          return { id: result.userId, ...result } satisfies NextAuthUser & SignedIn
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) Object.assign(token, tokenFromSignIn(user as NextAuthUser & SignedIn))
        return token
      },
    },
    events: {
      // next-auth's own POST /api/auth/signout clears the cookie; the dashboard
      // session must end too, or force login would still say "signed in".
      async signOut({ token }) {
        const claims = claimsFromToken(token as SwitchboardToken | null)
        if (claims) await endClaimedSession(claims)
      },
    },
  }
}

/** Issues the session cookie for a successful sign-in (server actions only). */
export async function startSession(signedIn: SignedIn): Promise<void> {
  const value = await encode({ token: tokenFromSignIn(signedIn), secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS })
  ;(await cookies()).set(sessionCookieName(), value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureCookies(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  })
}

export async function readSessionClaims(): Promise<SessionClaims | null> {
  const value = (await cookies()).get(sessionCookieName())?.value
  if (!value) return null
  try {
    return claimsFromToken((await decode({ token: value, secret: authSecret() })) as SwitchboardToken | null)
  } catch {
    // A token we can't decrypt (old secret, tampering) is simply no session.
    return null
  }
}

export async function currentClient(): Promise<ClientInfo> {
  return clientInfoFrom(await headers())
}

/** The signed-in user for this request, or null. Cached per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await readSessionClaims()
  if (!claims) return null
  const result = await loadSessionUser(await getDb(), claims)
  return result.ok ? result.user : null
})

/** For pages, layouts and actions: the signed-in user, or a redirect to sign in (which returns here after). */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser()
  if (!user) {
    const back = safeReturnPath((await headers()).get(REQUEST_PATH_HEADER))
    redirect(back ? `/sign-in?next=${encodeURIComponent(back)}` : '/sign-in')
  }
  return user
}

/** Like requireUser, and the user must hold `permission`; otherwise 404 (nothing is revealed). */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser()
  if (!user.permissions.has(permission)) notFound()
  return user
}

/** Ends this browser's session: server record, login event, cookie. */
export async function endSession(): Promise<void> {
  const claims = await readSessionClaims()
  const jar = await cookies()
  jar.delete(sessionCookieName())
  if (claims) await endClaimedSession(claims)
}

async function endClaimedSession(claims: SessionClaims): Promise<void> {
  const db = await getDb()
  if (await endDashboardSession(db, claims, 'signed_out')) {
    await recordLoginEvent(db, {
      tenantId: claims.tenantId,
      userId: claims.userId,
      kind: 'sign_out',
      outcome: 'success',
      client: await currentClient(),
    })
  }
}

/**
 * The half-signed-in step's cookie (lib/auth/pending-sign-in.ts): only the
 * sign-in pages see it (its path), and it is never a session.
 */
const pendingCookieName = () => `${secureCookies() ? '__Secure-' : ''}switchboard.sign-in-step`

export async function setPendingSignInCookie(token: string): Promise<void> {
  ;(await cookies()).set(pendingCookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/sign-in',
    secure: secureCookies(),
    maxAge: PENDING_SIGN_IN_SECONDS,
  })
}

export async function readPendingSignInCookie(): Promise<string | null> {
  return (await cookies()).get(pendingCookieName())?.value ?? null
}

export async function clearPendingSignInCookie(): Promise<void> {
  ;(await cookies()).delete({ name: pendingCookieName(), path: '/sign-in' })
}

/**
 * A single sign-on under way (lib/sso/sso-sign-in.ts): the browser's half of
 * the flow, sent only to that workspace's SSO paths. Lax: the identity
 * provider's redirect back is a top-level navigation from another site.
 */
const ssoCookieName = () => `${secureCookies() ? '__Secure-' : ''}switchboard.sso`
const ssoCookiePath = (slug: string) => `/sign-in/${slug}/sso`

export async function setSsoFlowCookie(slug: string, token: string, maxAgeSeconds: number): Promise<void> {
  ;(await cookies()).set(ssoCookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    path: ssoCookiePath(slug),
    secure: secureCookies(),
    maxAge: maxAgeSeconds,
  })
}

export async function takeSsoFlowCookie(slug: string): Promise<string | null> {
  const jar = await cookies()
  const value = jar.get(ssoCookieName())?.value ?? null
  if (value) jar.delete({ name: ssoCookieName(), path: ssoCookiePath(slug) })
  return value
}

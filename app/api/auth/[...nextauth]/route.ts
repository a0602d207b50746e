import NextAuth from 'next-auth'
import { getAuthOptions } from '@/lib/auth/session'

// next-auth's own endpoints (session, csrf, the Credentials callback, sign-out).
// The options are built per request so no secret is read at build time.
type RouteContext = { params: Promise<{ nextauth: string[] }> }

async function handler(req: Request, context: RouteContext) {
  const [action, provider] = (await context.params).nextauth ?? []
  // The Credentials callback takes a POST only; next-auth answers a GET with a plain-text 500.
  if (req.method === 'GET' && action === 'callback' && provider === 'credentials') {
    return new Response('Method Not Allowed', { status: 405, headers: { allow: 'POST' } })
  }
  return NextAuth(req as never, context as never, getAuthOptions()) as Promise<Response>
}

export { handler as GET, handler as POST }

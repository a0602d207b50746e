import NextAuth from 'next-auth'
import { getAuthOptions } from '@/lib/auth/session'

// next-auth's own endpoints (session, csrf, the Credentials callback). The
// options are built per request so no secret is read at build time.
type RouteContext = { params: Promise<{ nextauth: string[] }> }

async function handler(req: Request, context: RouteContext) {
  return NextAuth(req as never, context as never, getAuthOptions()) as Promise<Response>
}

export { handler as GET, handler as POST }

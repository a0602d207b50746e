/**
 * `Sign in with <provider>`: a link to the workspace's SSO start
 * (app/sign-in/[workspace]/sso/route.ts), which sends the browser on to the
 * identity provider. A plain <a>: no JavaScript needed, and never prefetched
 * (each visit starts a flow).
 */
export function SsoButton({ slug, displayName, next }: { slug: string; displayName: string; next: string | null }) {
  return (
    <a
      href={`/sign-in/${slug}/sso${next ? `?next=${encodeURIComponent(next)}` : ''}`}
      className="btn-primary block w-full text-center no-underline"
    >
      Sign in with {displayName}
    </a>
  )
}

/** The portal's public origin (links in mail, the single sign-on redirect URL, the SCIM base URL): NEXTAUTH_URL, else the local default. */
export function publicUrl(env: Record<string, string | undefined> = process.env): string {
  return (env.NEXTAUTH_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '')
}

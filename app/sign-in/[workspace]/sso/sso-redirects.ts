import type { SsoFailure } from '@/lib/sso/sso-sign-in'

/** A workspace's sign-in name as it may appear in a path (anything else names no workspace). */
export const isWorkspaceSlug = (slug: string) => /^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)

/** 303: the browser follows with a GET, whatever it posted. */
export const seeOther = (location: string) => new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } })

/** The page that says why single sign-on didn't work (a fixed sentence per reason, never text from the request). */
export const refusedPage = (slug: string, failure: SsoFailure) => `/sign-in/${slug}/sso/refused?reason=${failure}`

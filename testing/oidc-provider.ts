import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type Configuration } from 'oidc-provider'

/**
 * A real OpenID Connect provider for the tests (oidc-provider, the certified
 * Node implementation) on loopback, with one confidential client whose
 * redirect URI is the workspace's. Its sign-in page asks only for an email:
 * whoever the test types is signed in, with the claims `accounts` gives them
 * (unknown ones: that email, verified). Consent is implied (first-party app).
 */
export interface TestAccount {
  email: string
  emailVerified?: boolean
  name?: string
}

export interface TestOidcProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** Claims by what is typed at the provider's sign-in page. */
  accounts: Map<string, TestAccount>
  close(): Promise<void>
}

const page = (uid: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/interaction/${uid}"><label for="login">Email</label> <input id="login" name="login" autocomplete="off">
<button type="submit">Continue</button></form></main></body></html>`

export async function startOidcProvider(options: { redirectUris: string[] }): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccount>()
  const clientId = `switchboard-${Math.random().toString(36).slice(2, 10)}`
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = accounts.get(id) ?? { email: id }
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          ...(account.name ? { name: account.name } : {}),
        }),
      }
    },
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
  }
  const provider = new Provider(issuer, configuration)
  // Plain http on loopback: the provider must not insist on https for its own cookies and URLs.
  provider.proxy = false
  const callback = provider.callback()

  server.on('request', (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? '')
    if (!match) return callback(req, res)
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res)
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(details.uid))
          return
        }
        const body = await new Promise<string>((resolve) => {
          let text = ''
          req.on('data', (c: Buffer) => (text += c.toString()))
          req.on('end', () => resolve(text))
        })
        const login = new URLSearchParams(body).get('login')?.trim() || 'nobody@example.test'
        await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false })
      } catch (error) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
      }
    })()
  })

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * Follows a browser's way through the provider without a browser: the
 * authorization URL, its sign-in page (typing `login`), and the redirects up
 * to the callback URL the provider sends back to (not followed), with the
 * provider's cookies kept. For the lib tests; the e2e tests use Chromium.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>()
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  let url = new URL(authorizationUrl)
  const origin = url.origin
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin !== origin) return url
    const posting = /^\/interaction\//.test(url.pathname)
    const response = await fetch(url, {
      method: posting ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookie(), ...(posting ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: posting ? new URLSearchParams({ login }).toString() : undefined,
    })
    remember(response)
    const location = response.headers.get('location')
    if (!location) throw new Error(`The provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 300)}`)
    url = new URL(location, url)
  }
  throw new Error('Too many redirects at the test provider')
}

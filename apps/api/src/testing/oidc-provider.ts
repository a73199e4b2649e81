// The types travel with this file, so the e2e project (which imports it, with its own tsconfig) sees them too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./oidc-provider.d.ts" />
import { generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:http'
import Provider, { type KoaContextWithOIDC } from 'oidc-provider'

/**
 * startOidcProvider({ redirectUri, accounts }) — a real, certified OpenID provider (oidc-provider) on a free port
 * of 127.0.0.1, for tests of single sign-on:
 *
 *   await using provider = await startOidcProvider({ redirectUri: `${base}/api/auth/oidc/callback`, accounts })
 *   config.oidc = provider.oidc                 // issuer, client id and secret for the API
 *   const callback = await signInAtProvider(authorizationUrl, 'rep@example.com')   // the redirect back, by hand
 *
 * One confidential client (client_secret_basic) with that redirect URI. People sign in on the provider's own
 * development pages (devInteractions: any password, the login is the account's key); consent is implied, as for
 * a company's own provider. Email claims come from userinfo, as OpenID Connect says for the code flow.
 */

export type ProviderAccount = { email: string; emailVerified: boolean; name: string }

export type RunningProvider = AsyncDisposable & {
  issuer: string
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string; autoCreate: 'off' }
  close(): Promise<void>
}

export async function startOidcProvider({
  redirectUri,
  accounts,
}: {
  redirectUri: string
  /** login → account; the login is what one types on the provider's sign-in page. */
  accounts: Record<string, ProviderAccount>
}): Promise<RunningProvider> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || address === null) throw new Error('the provider got no port')
  const issuer = `http://127.0.0.1:${address.port}`
  const client = { clientId: 'kpi-dashboard', clientSecret: 'kpi-dashboard-test-secret' }
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', kid: 'test' }] },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_context: unknown, id: string) => {
      const account = accounts[id]
      if (account === undefined) return undefined
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name }),
      }
    },
    // The organisation's own provider: no consent page, every requested scope is granted.
    loadExistingGrant: async (context: KoaContextWithOIDC) => {
      const { client: requester, session, provider: self } = context.oidc
      if (requester === undefined || session?.accountId === undefined) return undefined
      const grant = new self.Grant({ clientId: requester.clientId, accountId: session.accountId })
      grant.addOIDCScope('openid email profile')
      grant.addOIDCClaims(['email', 'email_verified', 'name'])
      await grant.save()
      return grant
    },
  })
  server.on('request', provider.callback())

  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return {
    issuer,
    oidc: { issuer, ...client, name: 'Test ID', autoCreate: 'off' },
    close,
    [Symbol.asyncDispose]: close,
  }
}

/**
 * Follows an authorization URL through the provider's sign-in page as a browser would (a cookie jar of its own,
 * the login form posted) and returns the URL the provider redirects back to: `<redirect_uri>?code=…&state=…`.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>()
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  let url = new URL(authorizationUrl)
  let form: URLSearchParams | undefined
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookieHeader(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form,
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const at = pair.indexOf('=')
      jar.set(pair.slice(0, at), pair.slice(at + 1))
    }
    const location = response.headers.get('location')
    form = undefined
    if (location !== null) {
      const next = new URL(location, url)
      if (next.origin !== url.origin) return next // back to the relying party
      url = next
    } else if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
      await response.text()
      form = new URLSearchParams({ prompt: 'login', login, password: 'any password' })
    } else {
      throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${await response.text()}`)
    }
  }
  throw new Error('the provider redirected more than 10 times')
}

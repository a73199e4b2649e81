import * as client from 'openid-client'
import type { OidcConfig } from '../config.ts'

// The relying-party side of OpenID Connect, through openid-client (certified; it checks the ID token's signature,
// issuer, audience, expiry and nonce, the state, and the authorization response's `iss`). Discovery is fetched on
// the first sign-in and kept: a provider that is down when the API starts does not stop the API, and a failed
// discovery is forgotten so the next sign-in tries again.

const SCOPE = 'openid email profile'
// A provider that hangs must not hold a browser's sign-in (or a request slot) for long.
const TIMEOUT_SECONDS = 10

/** What the provider vouches for about the person: the e-mail address and whether it checked it. */
export type OidcIdentity = {
  subject: string
  email: string | undefined
  emailVerified: boolean
  name: string | undefined
}

/** What the start of a sign-in keeps for its callback (oidc-logins.db.ts). */
export type OidcChecks = { state: string; nonce: string; codeVerifier: string }

export type OidcClient = {
  /** The provider's authorization URL for a fresh state, nonce and PKCE pair (S256), and those checks. */
  start(): Promise<{ url: URL; checks: OidcChecks }>
  /** Exchanges the code of `callbackUrl` with the checks and returns the identity; throws when anything is off. */
  finish(callbackUrl: URL, checks: OidcChecks): Promise<OidcIdentity>
}

export function createOidcClient(oidc: OidcConfig, redirectUri: string): OidcClient {
  let discovered: Promise<client.Configuration> | undefined
  const configuration = () => {
    discovered ??= client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        undefined,
        // client_secret_basic: the one every provider must support (OIDC Core 9), and their default.
        client.ClientSecretBasic(oidc.clientSecret),
        {
          // Plain HTTP only for an http:// issuer, which config.ts refuses in production (a test or local provider).
          execute: new URL(oidc.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [],
          timeout: TIMEOUT_SECONDS,
        },
      )
      .catch((error: unknown) => {
        discovered = undefined
        throw error
      })
    return discovered
  }

  return {
    async start() {
      const config = await configuration()
      const checks = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      }
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPE,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      })
      return { url, checks }
    },

    async finish(callbackUrl, checks) {
      const config = await configuration()
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      })
      const claims = tokens.claims()
      if (claims === undefined) throw new Error('the provider sent no ID token')
      // Many providers (and the OIDC default for the code flow) put email claims in userinfo, not the ID token.
      const source =
        claims['email'] !== undefined && claims['email_verified'] !== undefined
          ? claims
          : await client.fetchUserInfo(config, tokens.access_token, claims.sub)
      return {
        subject: claims.sub,
        email: typeof source['email'] === 'string' ? source['email'] : undefined,
        // Only a real `true`: some providers send the string "true", or nothing, for addresses they never checked.
        emailVerified: source['email_verified'] === true,
        name: typeof source['name'] === 'string' ? source['name'] : undefined,
      }
    },
  }
}

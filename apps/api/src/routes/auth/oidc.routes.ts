import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AuthMethods, type SsoError } from '@kpi/contract/auth'
import { ErrorBody } from '@kpi/contract/errors'
import {
  defaultLoginLimits,
  loginBlock,
  normaliseEmail,
  recordLoginFailure,
  recordLoginSuccess,
} from '../../auth/login-limit.db.ts'
import { createSsoRep, findSsoAccount, type SsoAccount } from '../../auth/oidc-account.db.ts'
import { createOidcClient, type OidcIdentity } from '../../auth/oidc-client.ts'
import { OIDC_LOGIN_TTL_SECONDS, saveOidcLogin, takeOidcLogin } from '../../auth/oidc-logins.db.ts'
import { safeReturnTo } from '../../auth/return-to.ts'
import { hashToken } from '../../auth/session.db.ts'
import { signIn } from '../../auth/sign-in.ts'
import type { Config } from '../../config.ts'
import { HttpError } from '../../http-errors.ts'

// Single sign-on through one OpenID Connect provider (docs/decisions/0023). Both flow routes are top-level GET
// navigations, so the CSRF plugin (POST/PUT/PATCH/DELETE only) lets them through, as it must: the provider's
// redirect carries no x-csrf-token. What stops a forged callback instead is the state: single use, stored hashed
// server-side, AND equal to the kpi_oidc cookie this browser got at the start — so a callback URL with someone
// else's code and state cannot sign a victim's browser into the attacker's account.

const STATE_COOKIE = 'kpi_oidc'
const CALLBACK_PATH = '/api/auth/oidc/callback'
const notConfigured = 'single sign-on is not configured here (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)'

const Text = z.string().max(4096).optional()
const StartQuery = z.object({ returnTo: Text.describe('a path of this site to open after signing in; else /') })
// Lenient on purpose: whatever the provider (or someone) sends, a browser should end on the login page, not JSON.
const CallbackQuery = z.object({ code: Text, state: Text, error: Text, error_description: Text, iss: Text })
const Redirect = z.null().describe('302: Location is where the browser goes next')

// Failed single sign-ons count towards the per-address limit the password login has (someone probing callbacks),
// under a key no e-mail address can have. Not towards an account's back-off: the provider already checked who it
// is, and the address it claims must not let a stranger slow down that person's password login.
const ssoAttempt = (ip: string) => ({ email: '(single sign-on)', ip })
const ssoLimits = { ...defaultLoginLimits, freeFailuresPerAccount: Number.POSITIVE_INFINITY }

export const oidcRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const production = config.nodeEnv === 'production'
  const oidc = config.oidc
  const redirectUri = `${config.publicUrl}${CALLBACK_PATH}`
  const client = oidc === null ? null : createOidcClient(oidc, redirectUri)
  const pool = app.store.pool
  // Only for this flow: httpOnly, and Lax so the provider's top-level redirect back brings it along.
  const stateCookie = {
    path: '/api/auth/oidc',
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    maxAge: OIDC_LOGIN_TTL_SECONDS,
  } as const

  app.get(
    '/auth/methods',
    {
      config: { public: true },
      schema: { summary: 'How one may sign in here', tags: ['auth'], response: { 200: AuthMethods } },
    },
    async () => ({ password: true as const, oidc: oidc === null ? null : { name: oidc.name } }),
  )

  app.get(
    '/auth/oidc/start',
    {
      config: { public: true },
      schema: {
        summary: 'Single sign-on: redirects to the provider (state, nonce, PKCE S256)',
        tags: ['auth'],
        querystring: StartQuery,
        response: { 302: Redirect, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      if (client === null) throw new HttpError('not_found', notConfigured)
      let started: Awaited<ReturnType<typeof client.start>>
      try {
        started = await client.start()
      } catch (error) {
        request.log.error({ err: error, issuer: oidc?.issuer }, 'single sign-on: provider discovery failed')
        return toLogin(reply, 'provider')
      }
      await saveOidcLogin(pool, started.checks, safeReturnTo(request.query.returnTo))
      reply.setCookie(STATE_COOKIE, started.checks.state, stateCookie)
      return reply.redirect(started.url.href, 302)
    },
  )

  app.get(
    '/auth/oidc/callback',
    {
      config: { public: true },
      schema: {
        summary: "Single sign-on: the provider's redirect back; signs in and redirects, or to /login?sso_error=…",
        tags: ['auth'],
        querystring: CallbackQuery,
        response: { 302: Redirect, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      if (client === null) throw new HttpError('not_found', notConfigured)
      const browserState = request.cookies[STATE_COOKIE]
      reply.clearCookie(STATE_COOKIE, stateCookie)
      const attempt = ssoAttempt(request.ip)
      const refuse = async (reason: SsoError, why: string, details: object = {}) => {
        request.log.warn({ reason, why, ...details }, 'single sign-on refused')
        if (reason !== 'cancelled' && reason !== 'rate_limited') await recordLoginFailure(pool, attempt)
        return toLogin(reply, reason)
      }

      const block = await loginBlock(pool, attempt, ssoLimits)
      if (block !== null) return refuse('rate_limited', `blocked for ${block.retryAfterSeconds} s (${block.reason})`)
      const { state, error } = request.query
      if (state === undefined || browserState === undefined || hashToken(state) !== hashToken(browserState)) {
        return refuse('expired', state === undefined ? 'no state' : "the state is not this browser's")
      }
      const login = await takeOidcLogin(pool, state)
      if (login === null) return refuse('expired', 'the state is unknown, used or expired')
      if (error !== undefined) {
        const why = `the provider answered ${error}: ${request.query.error_description ?? ''}`
        return refuse(error === 'access_denied' ? 'cancelled' : 'provider', why)
      }

      let identity: OidcIdentity
      try {
        identity = await client.finish(callbackUrl(redirectUri, request), login.checks)
      } catch (failure) {
        return refuse('provider', failure instanceof Error ? failure.message : String(failure), { err: failure })
      }
      if (identity.email === undefined || !identity.emailVerified) {
        return refuse('unverified_email', 'the provider does not vouch for the address', { identity })
      }
      const email = normaliseEmail(identity.email)
      const account = await accountFor(email, identity)
      if (account.kind !== 'user') {
        const [reason, why] =
          account.kind === 'none' ? (['no_account', 'no account'] as const) : [account.reason, account.why]
        return refuse(reason, why, { email })
      }
      await recordLoginSuccess(pool, email)
      try {
        await signIn(app, request, reply, { userId: account.userId, production })
      } catch (failure) {
        // Deactivated between the lookup and the session: the same answer as for a deactivated account.
        if (failure instanceof HttpError) return refuse('no_account', failure.message, { email })
        throw failure
      }
      request.log.info({ userId: account.userId, subject: identity.subject }, 'single sign-on')
      return reply.redirect(login.returnTo, 302)
    },
  )

  async function accountFor(email: string, identity: OidcIdentity): Promise<SsoAccount> {
    const account = await findSsoAccount(pool, email)
    if (account.kind !== 'none' || oidc?.autoCreate !== 'rep') return account
    return createSsoRep(pool, { email, name: identity.name?.trim().slice(0, 200) || email })
  }
}

/** The login page, showing why single sign-on did not work. Relative: the web app is served from this origin. */
function toLogin(reply: FastifyReply, reason: SsoError) {
  return reply.redirect(`/login?sso_error=${reason}`, 302)
}

/** The URL the provider redirected to, as openid-client wants it: the registered redirect URI plus this query. */
function callbackUrl(redirectUri: string, request: FastifyRequest): URL {
  const url = new URL(redirectUri)
  url.search = new URL(request.url, 'http://callback.invalid').search
  return url
}

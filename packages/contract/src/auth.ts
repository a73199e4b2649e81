import { z } from 'zod'
import { ErrorBody } from './errors.ts'
import { Id } from './id.ts'
import { SessionUser } from './me.ts'
import { TwoFactorCode } from './two-factor.ts'

export const LoginBody = z.object({
  email: z.email().max(254),
  // The cap stops a megabyte "password" from costing a megabyte of scrypt input.
  password: z.string().min(1).max(1024),
  organizationId: Id.optional().describe(
    'only needed when the email and password open accounts in several organisations (the 409 lists them)',
  ),
  code: TwoFactorCode.optional().describe(
    'only for people with two-factor codes on (a 401 totp_required asks for it): 6 digits or a recovery code',
  ),
})

export const LoginResponse = z.object({ user: SessionUser })

/** 409 when the email and password open accounts in several organisations: which ones, to choose from. */
export const LoginAmbiguous = ErrorBody.extend({
  organizations: z.array(z.object({ id: z.number().int(), name: z.string() })),
})

/** GET /api/auth/methods: how people may sign in here (the login page asks before drawing itself). */
export const AuthMethods = z.object({
  password: z.literal(true),
  oidc: z.object({ name: z.string().describe('the provider, as in "Sign in with <name>"') }).nullable(),
})
export type AuthMethods = z.infer<typeof AuthMethods>

/**
 * Why a single sign-on ended on the login page (`/login?sso_error=<code>`); the web app words each one.
 * Deliberately coarse: a deactivated account reads as no account, and provider details stay in the server log.
 */
export const SsoError = z.enum([
  'expired', // the state is unknown, used or older than 10 minutes, or the flow began in another browser
  'cancelled', // the person said no at the provider
  'provider', // the provider refused, could not be reached, or sent tokens that did not check out
  'unverified_email', // the provider does not vouch for the e-mail address
  'no_account', // no active account has that e-mail address (and none may be created)
  'several_accounts', // the address has accounts in several organisations: use the password to choose
  'rate_limited', // too many failed sign-ins from this address
])
export type SsoError = z.infer<typeof SsoError>

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

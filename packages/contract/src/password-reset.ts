import { z } from 'zod'
import { Password } from './users.ts'

export const PasswordResetRequestBody = z.object({ email: z.email().max(254) })

/** The same answer whatever the email: it must not tell which addresses have accounts. */
export const PasswordResetRequested = z.object({ message: z.string() })

export const PasswordResetConfirmBody = z.object({
  // base64url of 32 random bytes is 43 characters; the cap only keeps junk short.
  token: z.string().min(1).max(200),
  password: Password,
})

/** An admin's reset link: e-mailed (202) or, without SMTP_URL, handed over to copy (200). */
export const PasswordResetEmailed = z.object({ delivery: z.literal('email') })
export const PasswordResetLink = z.object({ link: z.string().describe('the reset link, to hand over by hand') })
export type PasswordResetLink = z.infer<typeof PasswordResetLink>

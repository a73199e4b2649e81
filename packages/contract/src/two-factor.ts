import { z } from 'zod'

/** A code typed by a person: six digits from the authenticator app, or one of the recovery codes. */
export const TwoFactorCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .describe('the 6-digit code from the authenticator app, or an unused recovery code')

/** POST /api/me/totp: a pending enrolment. The secret is shown only now, never again after confirmation. */
export const TotpEnrolment = z.object({
  secret: z.string().describe('base32, for typing into the authenticator app by hand'),
  otpauthUrl: z.string().describe('otpauth://totp/… (RFC 6238 key URI), what the QR code holds'),
  qrCodeSvg: z.string().describe('the otpauthUrl as an SVG QR code, drawn by the API (no image service)'),
})
export type TotpEnrolment = z.infer<typeof TotpEnrolment>

export const TotpCodeBody = z.strictObject({ code: TwoFactorCode })

/** POST /api/me/totp/confirm: ten single-use recovery codes, shown once. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()).length(10) })
export type RecoveryCodes = z.infer<typeof RecoveryCodes>

/** The signed-in person's two-factor state (in GET /api/me). */
export const TwoFactorState = z.object({
  enabled: z.boolean(),
  required: z.boolean().describe('the organisation requires two-factor codes for everyone'),
})
export type TwoFactorState = z.infer<typeof TwoFactorState>

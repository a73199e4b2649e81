import { generate } from 'otplib'

/**
 * The six-digit code an authenticator app shows for `secret` at `epochMs` (otplib, the same library and defaults
 * as auth/two-factor.ts). Here so the e2e tests, which have no otplib of their own, compute codes like the API tests.
 */
export function totpCode(secret: string, epochMs = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(epochMs / 1000) })
}

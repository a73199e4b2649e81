import { createHash, randomInt } from 'node:crypto'
import { generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'

// Two-factor codes (TOTP, RFC 6238) with otplib's defaults, which every authenticator app expects: SHA-1, six
// digits, 30-second steps. The rules around them (replay, recovery codes, who may reset) are in
// docs/decisions/0022-two-factor-codes.md; the storage is in two-factor.db.ts.

/** Seconds per code. */
export const TOTP_PERIOD_S = 30
export const RECOVERY_CODE_COUNT = 10
const PRODUCT = 'Sales KPI'

/** A fresh secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

/** The otpauth:// URI an authenticator app scans: "Sales KPI (<organisation>)" as issuer, the email as label. */
export function otpauthUrl({ organization, email, secret }: { organization: string; email: string; secret: string }) {
  // A colon separates issuer and account in the label; one in the organisation's name would split it wrongly.
  const issuer = `${PRODUCT} (${organization.replaceAll(':', ' ')})`
  return generateURI({ issuer, label: email, secret })
}

/** The URI as an SVG QR code, drawn here so the web app needs no QR library and no image service sees the secret. */
export async function qrCodeSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
}

/** Six digits, spaces allowed ("123 456" as some apps show it): a TOTP code rather than a recovery code. */
export function asTotpCode(code: string): string | null {
  const digits = code.replace(/\s+/g, '')
  return /^\d{6}$/.test(digits) ? digits : null
}

/**
 * The 30 s time step `code` belongs to, if it is valid now or one step either side (clock drift) and later than
 * `afterTimeStep` (the last one accepted: a code is good once). Null otherwise.
 */
export async function acceptedTimeStep(
  secret: string,
  code: string,
  afterTimeStep: number | null,
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOTP_PERIOD_S,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  })
  // The result type covers HOTP too; a TOTP verification always carries its time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null
}

// No 0/o, 1/l/i: codes get written on paper and typed back.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Ten random codes like "k7m2p-x9qfd" (10 of 31 symbols: ~50 bits each). */
export function newRecoveryCodes(): string[] {
  const symbol = () => ALPHABET[randomInt(ALPHABET.length)]
  const half = () => Array.from({ length: 5 }, symbol).join('')
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${half()}-${half()}`)
}

/** sha256 of the code without case, spaces or dashes. Random codes need no salt or slow hash. */
export function hashRecoveryCode(code: string): string {
  const normalised = code.toLowerCase().replace(/[\s-]+/g, '')
  return createHash('sha256').update(normalised, 'utf8').digest('hex')
}

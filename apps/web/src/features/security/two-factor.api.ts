import { sendJson } from '../../lib/http.ts'
import { RecoveryCodes, TotpEnrolment } from '@kpi/contract/two-factor'

/** Starts an enrolment: a new secret, its otpauth URL and the QR code the API drew. */
export const startTwoFactor = () => sendJson('POST', '/api/me/totp', undefined, TotpEnrolment)

/** Confirms it with a code from the app: the ten recovery codes, shown once. */
export const confirmTwoFactor = (code: string) =>
  sendJson('POST', '/api/me/totp/confirm', { code }, RecoveryCodes).then((answer) => answer.recoveryCodes)

/** Turns two-factor codes off (needs a current code or a recovery code). */
export const disableTwoFactor = (code: string) => sendJson('DELETE', '/api/me/totp', { code })

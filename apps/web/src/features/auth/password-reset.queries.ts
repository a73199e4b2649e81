import { readCsrfToken, sendJson } from '../../lib/http.ts'
import { LoginResponse } from '@kpi/contract/auth'
import { PasswordResetRequested } from '@kpi/contract/password-reset'

// The public pages may be the first thing a browser opens: the POSTs need the CSRF cookie GET /api/me hands out.
async function ensureCsrfCookie() {
  if (readCsrfToken() === undefined) await fetch('/api/me', { credentials: 'same-origin' })
}

export async function requestPasswordReset(email: string) {
  await ensureCsrfCookie()
  return sendJson('POST', '/api/auth/password-reset', { email }, PasswordResetRequested)
}

export async function confirmPasswordReset(body: { token: string; password: string }) {
  await ensureCsrfCookie()
  return sendJson('POST', '/api/auth/password-reset/confirm', body, LoginResponse)
}

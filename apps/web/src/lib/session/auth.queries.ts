import { queryOptions, useQuery } from '@tanstack/react-query'
import { ApiError, getJson, readCsrfToken, sendJson } from '../http.ts'
import { AuthMethods, LoginAmbiguous, LoginResponse } from '@kpi/contract/auth'
import { MeResponse, UpdateMeResponse, type MeResponse as Me } from '@kpi/contract/me'
import type { GaugeStyle } from '@kpi/contract/settings'

export const meKeys = { root: ['me'] as const }

/** The signed-in user, or null when there is no (valid) session: a 401 is an answer here, not an error. */
export const meQuery = () =>
  queryOptions({
    queryKey: meKeys.root,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await getJson('/api/me', MeResponse, signal)
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null
        throw error
      }
    },
    staleTime: 5 * 60_000,
  })

/** How one may sign in here (password; single sign-on and its provider's name when configured). */
export const authMethodsQuery = () =>
  queryOptions({
    queryKey: ['auth-methods'] as const,
    queryFn: ({ signal }) => getJson('/api/auth/methods', AuthMethods, signal),
    // Server configuration: it changes only with a restart.
    staleTime: Number.POSITIVE_INFINITY,
  })

export function useMe(): Me | null {
  return useQuery(meQuery()).data ?? null
}

/**
 * Signs in. The login POST needs the CSRF cookie, which GET /api/me hands out (also on 401); after a sign-out the
 * server has cleared it, so fetch a fresh one first.
 */
export async function login(email: string, password: string, organizationId?: number, code?: string) {
  if (readCsrfToken() === undefined) await fetch('/api/me', { credentials: 'same-origin' })
  const body = {
    email,
    password,
    ...(organizationId === undefined ? {} : { organizationId }),
    ...(code ? { code } : {}),
  }
  return sendJson('POST', '/api/auth/login', body, LoginResponse)
}

/** The password was right and the account has two-factor codes on: the login form asks for the code next. */
export function isTotpRequired(error: unknown): boolean {
  return error instanceof ApiError && error.error === 'totp_required'
}

/** The organisations of a 409 "this email and password open accounts in several organisations", else null. */
export function organizationsToChoose(error: unknown): { id: number; name: string }[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const parsed = LoginAmbiguous.safeParse(error.body)
  return parsed.success ? parsed.data.organizations : null
}

export const logout = () => sendJson('POST', '/api/auth/logout')

/** The language of what is sent to the signed-in person (e-mails). */
export const saveLocale = (locale: 'en' | 'nl') => sendJson('PATCH', '/api/me', { locale }, UpdateMeResponse)

/** How the signed-in person's KPIs are drawn: their own choice, else the organisation's (decision 0035). */
export const gaugeStyleOf = (me: Me | null): GaugeStyle =>
  me?.preferences.gaugeStyle ?? me?.organization.gaugeStyle ?? 'gauge'

/** Saves a person's own choice; null follows the organisation again. */
export const saveGaugeStyle = (gaugeStyle: GaugeStyle | null) =>
  sendJson('PATCH', '/api/me', { gaugeStyle }, UpdateMeResponse)

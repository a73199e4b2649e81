import { queryOptions } from '@tanstack/react-query'
import { getJson, readCsrfToken, sendJson } from '../../lib/http.ts'
import { SetupResponse, SetupStatus, type SetupBody } from '@kpi/contract/setup'

export const setupKeys = { status: ['setup'] as const }

/** Whether the database still holds no organisation: asked only while nobody is signed in. */
export const setupStatusQuery = () =>
  queryOptions({
    queryKey: setupKeys.status,
    queryFn: ({ signal }) => getJson('/api/setup', SetupStatus, signal),
    staleTime: Infinity,
  })

/** Creates the organisation and its first admin; the answer's cookies sign that admin in. */
export async function runSetup(body: SetupBody) {
  // The POST needs the CSRF cookie, which GET /api/me hands out (also on its 401).
  if (readCsrfToken() === undefined) await fetch('/api/me', { credentials: 'same-origin' })
  return sendJson('POST', '/api/setup', body, SetupResponse)
}

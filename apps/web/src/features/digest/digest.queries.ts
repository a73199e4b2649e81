import { queryOptions } from '@tanstack/react-query'
import { getJson, sendJson } from '../../lib/http.ts'
import { DigestSend, DigestSettings } from '@kpi/contract/digests'
import type { DigestChoice } from '@kpi/contract/digests'

export const digestKeys = { root: ['digest'] as const }

/** GET /api/me/digest: this person's choice (or their role's default) and when the next one goes out. */
export const digestQuery = () =>
  queryOptions({
    queryKey: digestKeys.root,
    queryFn: ({ signal }) => getJson('/api/me/digest', DigestSettings, signal),
  })

/** PUT /api/me/digest: the whole choice; a scope this person may not open is a 400 naming body.scope. */
export const saveDigest = (choice: DigestChoice) => sendJson('PUT', '/api/me/digest', choice, DigestSettings)

/** POST /api/me/digest/test: this person's digest now, whatever their schedule (and even with nothing to say). */
export const sendTestDigest = () => sendJson('POST', '/api/me/digest/test', {}, DigestSend)

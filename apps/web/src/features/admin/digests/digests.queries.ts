import { queryOptions } from '@tanstack/react-query'
import { getJson, sendJson } from '../../../lib/http.ts'
import { DigestOverview, DigestSendsPage, RunDigestsResult } from '@kpi/contract/digests'

export const digestsKeys = { root: ['digests'] as const }

/** GET /api/digests: who gets what, whether e-mail can go out at all, failures of the last 7 days. */
export const digestOverviewQuery = () =>
  queryOptions({
    queryKey: [...digestsKeys.root, 'overview'],
    queryFn: ({ signal }) => getJson('/api/digests', DigestOverview, signal),
  })

export type SendsFilter = 'all' | 'failed'

/** GET /api/digests/sends, newest first; `failed` asks the API for the failures only. */
export const digestSendsQuery = (filter: SendsFilter) =>
  queryOptions({
    queryKey: [...digestsKeys.root, 'sends', filter],
    queryFn: ({ signal }) =>
      getJson(`/api/digests/sends${filter === 'failed' ? '?status=failed' : ''}`, DigestSendsPage, signal),
  })

/** POST /api/digests/run: what is due now, or with a userId that person's digest at once. */
export const runDigests = (userId?: number) =>
  sendJson('POST', '/api/digests/run', userId === undefined ? {} : { userId }, RunDigestsResult)

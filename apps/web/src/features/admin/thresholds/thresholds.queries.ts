import { queryOptions } from '@tanstack/react-query'
import { getJson } from '../../../lib/http.ts'
import { sendVersioned } from '../versioned-http.ts'
import { toPutBody, type ThresholdDraft } from './threshold-draft.ts'
import { Threshold, ThresholdList } from '@kpi/contract/thresholds'

export const thresholdKeys = { root: ['thresholds'] as const }

export const thresholdsQuery = () =>
  queryOptions({
    queryKey: thresholdKeys.root,
    queryFn: ({ signal }) => getJson('/api/thresholds', ThresholdList, signal),
  })

/** PUT the org default (teamId null) or a team override; resolves to saved or a 409 conflict with `current`. */
export function saveThreshold(kpiKey: string, teamId: number | null, draft: ThresholdDraft, version: number | null) {
  const url =
    teamId === null
      ? `/api/thresholds/${encodeURIComponent(kpiKey)}`
      : `/api/thresholds/${encodeURIComponent(kpiKey)}/teams/${teamId}`
  return sendVersioned('PUT', url, toPutBody(draft, version), Threshold)
}

/** PUT a region's override (decision 0034: a team's own override still wins over it). */
export function saveRegionThreshold(kpiKey: string, regionId: number, draft: ThresholdDraft, version: number | null) {
  const url = `/api/thresholds/${encodeURIComponent(kpiKey)}/regions/${regionId}`
  return sendVersioned('PUT', url, toPutBody(draft, version), Threshold)
}

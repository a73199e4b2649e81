import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n.tsx'
import { ApiError, sendJson } from '../../../lib/http.ts'
import { regionsQuery } from '../users/users.queries.ts'
import { ThresholdForm } from './ThresholdForm.tsx'
import { saveRegionThreshold } from './thresholds.queries.ts'
import type { KpiThresholds, Threshold } from '@kpi/contract/thresholds'

/**
 * A KPI's region overrides (decision 0034): each editable and removable, and one to add for a region without.
 * Between the organisation default and a team's override: a team's own override still wins.
 */
export function RegionOverrides(props: { current: KpiThresholds; kpiName: string; refresh: () => Promise<unknown> }) {
  const { current, kpiName, refresh } = props
  const t = useT()
  const regions = useQuery(regionsQuery())
  const [newRegion, setNewRegion] = useState('')
  const remove = useMutation({
    mutationFn: (o: Threshold) =>
      sendJson('DELETE', `/api/thresholds/${o.kpiKey}/regions/${o.regionId}?version=${o.version}`),
    onSuccess: refresh,
  })
  const all = regions.data?.regions ?? []
  if (all.length === 0) return null
  const regionName = (id: number | null) => all.find((r) => r.id === id)?.name ?? `#${id}`
  const overridden = new Set(current.regionOverrides.map((o) => o.regionId))
  const free = all.filter((r) => !overridden.has(r.id))
  const error =
    remove.error === null
      ? null
      : remove.error instanceof ApiError && remove.error.status === 409
        ? t('admin.conflict.title')
        : remove.error.message
  return (
    <>
      <h3>{t('admin.thresholds.regionOverrides')}</h3>
      <p className="field-hint">{t('admin.thresholds.regionOverridesHint')}</p>
      {error && <p role="alert">{error}</p>}
      {current.regionOverrides.map((o) => (
        <div key={`${o.kpiKey}-region-${o.regionId}`} className="override">
          <h4>
            {regionName(o.regionId)}{' '}
            <button type="button" disabled={remove.isPending} onClick={() => remove.mutate(o)}>
              {t('admin.thresholds.removeOverride', { team: regionName(o.regionId) })}
            </button>
          </h4>
          <ThresholdForm
            key={`${o.kpiKey}-region-${o.regionId}`}
            kpiName={`${kpiName} — ${regionName(o.regionId)}`}
            direction={current.direction}
            initial={o}
            save={(draft, version) => saveRegionThreshold(o.kpiKey, o.regionId!, draft, version)}
            onSaved={() => void refresh()}
          />
        </div>
      ))}
      {free.length > 0 && (
        <div className="field inline">
          <label htmlFor="override-region">{t('admin.thresholds.addRegionOverride')}</label>
          <select id="override-region" value={newRegion} onChange={(e) => setNewRegion(e.target.value)}>
            <option value="">—</option>
            {free.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {newRegion !== '' && (
        <ThresholdForm
          key={`${current.kpiKey}-new-region-${newRegion}`}
          kpiName={`${kpiName} — ${regionName(Number(newRegion))}`}
          direction={current.direction}
          initial={{ ...current.orgDefault!, source: 'builtin', id: null, version: null, regionId: Number(newRegion) }}
          save={(draft) => saveRegionThreshold(current.kpiKey, Number(newRegion), draft, null)}
          onSaved={() => {
            setNewRegion('')
            void refresh()
          }}
        />
      )}
    </>
  )
}

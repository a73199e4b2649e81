import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { KPIS } from '@kpi/domain/kpis/registry'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { dashboardKeys } from '../../../lib/figures/dashboard.queries.ts'
import { ApiError, sendJson } from '../../../lib/http.ts'
import { teamsQuery } from '../users/users.queries.ts'
import { RegionOverrides } from './RegionOverrides.tsx'
import { ThresholdForm } from './ThresholdForm.tsx'
import { saveThreshold, thresholdKeys, thresholdsQuery } from './thresholds.queries.ts'
import type { KpiThresholds, Threshold } from '@kpi/contract/thresholds'

/** Pick a KPI, edit its organisation default and team overrides. Neutral KPIs take no threshold and are hidden. */
export function ThresholdsSection() {
  const t = useT()
  const { locale } = useLocale()
  const client = useQueryClient()
  const list = useQuery(thresholdsQuery())
  const teams = useQuery(teamsQuery())
  const [selected, setSelected] = useState<string>('')
  const [newTeam, setNewTeam] = useState('')
  // A threshold recolours the gauges: the dashboard is read again too, not after its 30 s of freshness.
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: thresholdKeys.root }),
      client.invalidateQueries({ queryKey: dashboardKeys.root }),
    ])
  const removeOverride = useMutation({
    mutationFn: (o: Threshold) =>
      sendJson('DELETE', `/api/thresholds/${o.kpiKey}/teams/${o.teamId}?version=${o.version}`),
    onSuccess: refresh,
  })
  const removeError = removeOverride.error
  const error =
    removeError === null
      ? null
      : removeError instanceof ApiError && removeError.status === 409
        ? t('admin.conflict.title')
        : removeError.message

  if (list.isPending) return <p>{t('common.loading')}</p>
  if (list.isError) return <p role="alert">{t('common.error', { message: list.error.message })}</p>

  const rows = list.data.thresholds.filter((k) => k.direction !== 'neutral' && k.orgDefault !== null)
  const nameOf = (key: string) => KPIS[key as KpiKey]?.name[locale] ?? key
  const current: KpiThresholds | undefined = rows.find((r) => r.kpiKey === selected) ?? rows[0]
  const teamName = (id: number | null) => teams.data?.teams.find((tm) => tm.id === id)?.name ?? `#${id}`

  if (!current) return <p>{t('admin.thresholds.none')}</p>
  const base = current.orgDefault!
  const overriddenTeams = new Set(current.teamOverrides.map((o) => o.teamId))
  const freeTeams = (teams.data?.teams ?? []).filter((tm) => tm.active && !overriddenTeams.has(tm.id))

  return (
    <section aria-labelledby="thresholds-title">
      <h2 id="thresholds-title">{t('admin.tab.thresholds')}</h2>
      <div className="field">
        <label htmlFor="threshold-kpi">{t('admin.thresholds.kpi')}</label>
        <select id="threshold-kpi" value={current.kpiKey} onChange={(e) => setSelected(e.target.value)}>
          {rows.map((r) => (
            <option key={r.kpiKey} value={r.kpiKey}>
              {nameOf(r.kpiKey)}
            </option>
          ))}
        </select>
        <p className="page-sub">
          {t(current.direction === 'lower' ? 'admin.thresholds.lowerBetter' : 'admin.thresholds.higherBetter')}
        </p>
      </div>

      <h3>{t('admin.thresholds.orgDefault')}</h3>
      <ThresholdForm
        key={`${current.kpiKey}-org`}
        kpiName={nameOf(current.kpiKey)}
        direction={current.direction}
        initial={base}
        save={(draft, version) => saveThreshold(current.kpiKey, null, draft, version)}
        onSaved={() => void refresh()}
      />

      <RegionOverrides current={current} kpiName={nameOf(current.kpiKey)} refresh={refresh} />

      <h3>{t('admin.thresholds.teamOverrides')}</h3>
      {error && <p role="alert">{error}</p>}
      {current.teamOverrides.map((o) => (
        <div key={`${o.kpiKey}-${o.teamId}`} className="override">
          <h4>
            {teamName(o.teamId)}{' '}
            <button type="button" disabled={removeOverride.isPending} onClick={() => removeOverride.mutate(o)}>
              {t('admin.thresholds.removeOverride', { team: teamName(o.teamId) })}
            </button>
          </h4>
          <ThresholdForm
            key={`${o.kpiKey}-${o.teamId}`}
            kpiName={`${nameOf(o.kpiKey)} — ${teamName(o.teamId)}`}
            direction={current.direction}
            initial={o}
            save={(draft, version) => saveThreshold(o.kpiKey, o.teamId, draft, version)}
            onSaved={() => void refresh()}
          />
        </div>
      ))}
      {freeTeams.length > 0 && (
        <div className="field inline">
          <label htmlFor="override-team">{t('admin.thresholds.addOverride')}</label>
          <select id="override-team" value={newTeam} onChange={(e) => setNewTeam(e.target.value)}>
            <option value="">—</option>
            {freeTeams.map((tm) => (
              <option key={tm.id} value={tm.id}>
                {tm.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {newTeam !== '' && (
        <ThresholdForm
          key={`${current.kpiKey}-new-${newTeam}`}
          kpiName={`${nameOf(current.kpiKey)} — ${teamName(Number(newTeam))}`}
          direction={current.direction}
          initial={{ ...base, source: 'builtin', id: null, version: null, teamId: Number(newTeam) }}
          save={(draft) => saveThreshold(current.kpiKey, Number(newTeam), draft, null)}
          onSaved={() => {
            setNewTeam('')
            void refresh()
          }}
        />
      )}
    </section>
  )
}

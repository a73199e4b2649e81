import type pg from 'pg'
import { localDateOf, type Instant } from '@kpi/domain/time-zone'
import type { PeriodType } from '@kpi/domain/periods'
import { printScope, type Scope } from '@kpi/domain/scope'
import type { Status } from '@kpi/domain/status'
import { KPI_KEYS, type KpiKey } from '@kpi/domain/kpis/keys'
import { KPIS } from '@kpi/domain/kpis/registry'
import { buildKpiCard } from '../kpi/kpi-card.ts'
import { loadView } from '../kpi/kpi-view.ts'
import { loadFocusAreas, loadOrganizationSettings } from '../kpi/settings.db.ts'

const isKpiKey = (key: string): key is KpiKey => (KPI_KEYS as readonly string[]).includes(key)

/** The period types the detector watches: the ones people steer by during the month. */
export const WATCHED_PERIODS: readonly PeriodType[] = ['month', 'week']

export type Observation = {
  scopeKey: string
  kpiKey: string
  periodType: PeriodType
  periodLabel: string
  /** First local day of the period (YYYY-MM-DD), for the link in the notification. */
  periodStart: string
  status: Status
  value: number | null
}

/** The organisation, every active team and every active rep: the scopes whose statuses people are told about. */
export async function watchedScopes(pool: pg.Pool, organizationId: number): Promise<Scope[]> {
  const { rows } = await pool.query<{ kind: 'team' | 'rep'; id: number }>(
    `SELECT 'team' AS kind, id FROM teams WHERE organization_id = $1 AND active
     UNION ALL
     SELECT 'rep', id FROM users WHERE organization_id = $1 AND active AND role = 'REP'
     ORDER BY 1, 2`,
    [organizationId],
  )
  return [{ type: 'org' }, ...rows.map((r) => ({ type: r.kind, id: r.id }) as Scope)]
}

/**
 * Every watched KPI status of an organisation at `now`: the KPIs of the organisation's dashboard layout, for
 * the current month and week of each scope, computed exactly as the dashboard computes them (loadView +
 * buildKpiCard) but without the per-rep breakdown of team scopes and the earlier trend periods, which a status
 * does not read (it needs the period and its comparisons: 3–5 of the dashboard's 14–16 spans). One scope at a
 * time, so the detector never takes more than one pool connection for aggregates while requests are served.
 */
export async function observeStatuses(
  pool: pg.Pool,
  organizationId: number,
  now: Instant,
  signal?: AbortSignal,
): Promise<Observation[]> {
  const settings = await loadOrganizationSettings(pool, organizationId)
  const layout = await loadFocusAreas(pool, organizationId)
  const layoutKeys = [...new Set(layout.flatMap((area) => area.kpiKeys))].filter(isKpiKey)
  const date = localDateOf(now, settings.timeZone)
  const observations: Observation[] = []
  for (const scope of await watchedScopes(pool, organizationId)) {
    const keys = layoutKeys.filter((key) => KPIS[key].scopes.includes(scope.type))
    if (keys.length === 0) continue
    for (const periodType of WATCHED_PERIODS) {
      signal?.throwIfAborted() // shutting down: give up between scopes, the transaction rolls back
      const view = await loadView(pool, {
        organizationId,
        scope,
        periodType,
        date,
        now,
        keys,
        breakdown: false,
        trend: false,
      })
      for (const key of keys) {
        const card = buildKpiCard(view, key, 'en')
        observations.push({
          scopeKey: printScope(scope),
          kpiKey: key,
          periodType,
          periodLabel: view.period.label,
          periodStart: view.period.startDate,
          status: card.status,
          value: card.value.kind === 'value' ? card.value.value : null,
        })
      }
    }
  }
  return observations
}

import type pg from 'pg'
import { localDateOf, type Instant } from '@kpi/domain/time-zone'
import type { PeriodType } from '@kpi/domain/periods'
import { printScope, type Scope } from '@kpi/domain/scope'
import type { Status } from '@kpi/domain/status'
import { dashboard } from '../kpi/dashboard.ts'
import { loadOrganizationSettings } from '../kpi/settings.db.ts'

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
 * Every watched KPI status of an organisation at `now`: the same dashboard() the web app reads, for the current
 * month and week of each scope. One scope at a time, so the detector never takes more than one pool connection
 * for aggregates while requests are being served; each dashboard is a fixed number of statements.
 */
export async function observeStatuses(
  pool: pg.Pool,
  organizationId: number,
  now: Instant,
  signal?: AbortSignal,
): Promise<Observation[]> {
  const settings = await loadOrganizationSettings(pool, organizationId)
  const date = localDateOf(now, settings.timeZone)
  const observations: Observation[] = []
  for (const scope of await watchedScopes(pool, organizationId)) {
    for (const periodType of WATCHED_PERIODS) {
      signal?.throwIfAborted() // shutting down: give up between dashboards, the transaction rolls back
      const view = await dashboard({ pool }, { organizationId, scope, periodType, date, now, locale: 'en' })
      const seen = new Set<string>()
      for (const kpi of view.focusAreas.flatMap((area) => area.kpis)) {
        if (seen.has(kpi.key)) continue // a KPI may sit in two focus areas
        seen.add(kpi.key)
        observations.push({
          scopeKey: printScope(scope),
          kpiKey: kpi.key,
          periodType,
          periodLabel: view.period.label,
          periodStart: view.period.startDate,
          status: kpi.status,
          value: kpi.value.kind === 'value' ? kpi.value.value : null,
        })
      }
    }
  }
  return observations
}

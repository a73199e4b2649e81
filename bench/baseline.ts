import type { Pool } from 'pg'

export type Scope = { kind: 'org' } | { kind: 'team'; id: number } | { kind: 'rep'; id: number }

/**
 * The naive baseline: the dashboard's headline KPIs as a BI tool would ask for them — one straightforward SQL
 * query per KPI over the raw tables, filtered by scope and period, no pre-aggregation. Period bounds are computed
 * here in UTC ([from, to) instants), which is close enough for timing.
 */
export function baselineQueries(scope: Scope, from: Date, to: Date): { kpi: string; sql: string; params: unknown[] }[] {
  const where = (ownerCol: string) =>
    scope.kind === 'org' ? 'true' : scope.kind === 'team' ? `team_id = ${scope.id}` : `${ownerCol} = ${scope.id}`
  const p = [from, to]
  return [
    {
      kpi: 'revenue.won',
      sql: `select coalesce(sum(amount),0) from deals where stage = 'closed-won' and closed_at >= $1 and closed_at < $2 and ${where('owner_id')}`,
      params: p,
    },
    {
      kpi: 'deals.won',
      sql: `select count(*) from deals where stage = 'closed-won' and closed_at >= $1 and closed_at < $2 and ${where('owner_id')}`,
      params: p,
    },
    {
      kpi: 'win.rate',
      sql: `select avg(case when stage = 'closed-won' then 1.0 else 0 end) from deals where stage in ('closed-won','closed-lost') and closed_at >= $1 and closed_at < $2 and ${where('owner_id')}`,
      params: p,
    },
    {
      kpi: 'deal.size',
      sql: `select avg(amount) from deals where stage = 'closed-won' and closed_at >= $1 and closed_at < $2 and ${where('owner_id')}`,
      params: p,
    },
    {
      kpi: 'pipeline.value',
      sql: `select coalesce(sum(amount),0) from deals where closed_at is null and created_at < $2 and ${where('owner_id')} and $1::timestamptz is not null`,
      params: p,
    },
    {
      kpi: 'leads.new',
      sql: `select count(*) from leads where created_at >= $1 and created_at < $2 and ${where('owner_id')}`,
      params: p,
    },
    {
      kpi: 'leads.mql',
      sql: `select count(*) from leads where mql_at >= $1 and mql_at < $2 and ${where('owner_id')}`,
      params: p,
    },
    {
      kpi: 'leads.sql',
      sql: `select count(*) from leads where sql_at >= $1 and sql_at < $2 and ${where('owner_id')}`,
      params: p,
    },
    {
      kpi: 'lead.conversion',
      sql: `select avg(case when opportunity_at is not null then 1.0 else 0 end) from leads where created_at >= $1 and created_at < $2 and ${where('owner_id')}`,
      params: p,
    },
    {
      kpi: 'activities',
      sql: `select count(*) from activities where occurred_at >= $1 and occurred_at < $2 and ${where('user_id')}`,
      params: p,
    },
    {
      kpi: 'cycle.days',
      sql: `select avg(extract(epoch from closed_at - created_at) / 86400) from deals where stage = 'closed-won' and closed_at >= $1 and closed_at < $2 and ${where('owner_id')}`,
      params: p,
    },
  ]
}

/** [from, to) of the UTC period of `type` containing `at`. */
export function periodBounds(type: string, at: Date): [Date, Date] {
  const y = at.getUTCFullYear()
  const m = at.getUTCMonth()
  const d = at.getUTCDate()
  switch (type) {
    case 'day':
      return [new Date(Date.UTC(y, m, d)), new Date(Date.UTC(y, m, d + 1))]
    case 'week': {
      const monday = d - ((at.getUTCDay() + 6) % 7)
      return [new Date(Date.UTC(y, m, monday)), new Date(Date.UTC(y, m, monday + 7))]
    }
    case 'month':
      return [new Date(Date.UTC(y, m, 1)), new Date(Date.UTC(y, m + 1, 1))]
    case 'quarter': {
      const q = m - (m % 3)
      return [new Date(Date.UTC(y, q, 1)), new Date(Date.UTC(y, q + 3, 1))]
    }
    default:
      return [new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1))]
  }
}

/** One baseline "dashboard": every KPI query, issued concurrently on the pool as a BI tool's tiles would. */
export async function baselineDashboard(pool: Pool, scope: Scope, period: string, at: Date): Promise<number> {
  const [from, to] = periodBounds(period, at)
  const started = performance.now()
  await Promise.all(baselineQueries(scope, from, to).map((q) => pool.query(q.sql, q.params)))
  return performance.now() - started
}

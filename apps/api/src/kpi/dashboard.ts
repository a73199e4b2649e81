/**
 * The two functions the dashboard routes call. Each loads a view (./kpi-view.ts: a fixed number of
 * statements, one per aggregate group for all spans) and shapes it into the JSON of ./dashboard.schema.ts.
 *
 * Exports: DashboardDb, DashboardOptions, dashboard, KpiDetailOptions, kpiDetail.
 */
import type pg from 'pg'
import type { LocalDate } from '@kpi/domain/calendar'
import { KPI_KEYS, type KpiKey } from '@kpi/domain/kpis/keys'
import { KPIS } from '@kpi/domain/kpis/registry'
import type { PeriodType } from '@kpi/domain/periods'
import { printScope, type Scope } from '@kpi/domain/scope'
import type { Instant } from '@kpi/domain/time-zone'
import type { AuthUser } from '../auth/auth-user.ts'
import { HttpError } from '../http-errors.ts'
import type { Dashboard, KpiDetail } from '@kpi/contract/dashboard'
import { dealBreakdowns } from './deal-breakdowns.ts'
import { buildKpiCard, repBreakdown, type Locale } from './kpi-card.ts'
import { loadView, type KpiView } from './kpi-view.ts'
import type { SpanAggregates } from './span-cache.ts'
import { leadChannelBreakdown } from './lead-breakdowns.ts'
import { repLeaderboard, visibleLeaderboard } from './rep-leaderboard.ts'
import { loadFocusAreas } from './settings.db.ts'

/** `spans`: keep finished spans' aggregates across data versions (./span-cache.ts; the routes pass it). */
export type DashboardDb = { pool: pg.Pool; spans?: SpanAggregates }

export type DashboardOptions = {
  organizationId: number
  scope: Scope
  periodType: PeriodType
  /** Any local date inside the period to show. */
  date: LocalDate
  now: Instant
  locale?: Locale
}

const isKpiKey = (key: string): key is KpiKey => (KPI_KEYS as readonly string[]).includes(key)

const periodJson = (view: KpiView) => {
  const { type, label, start, end, startDate, endDate } = view.period
  return { type, label, start, end, startDate, endDate }
}

/**
 * Focus areas in rank order, each with its KPIs for the scope and period. KPIs not defined for the scope
 * type (eNPS for a rep) are left out, and so are areas left empty; unknown keys in a stored layout are ignored. Team scopes carry the
 * value per team member.
 */
export async function dashboard(
  db: DashboardDb,
  options: DashboardOptions & {
    /** Keep only this rep's line of a team's per-rep values (a rep without the team leaderboard, SPEC 6). */
    breakdownOnlyFor?: number
  },
): Promise<Dashboard> {
  const locale = options.locale ?? 'en'
  const layout = await loadFocusAreas(db.pool, options.organizationId)
  const areas = [...layout]
    .sort((a, b) => a.rank - b.rank)
    .map((area) => ({
      area,
      keys: area.kpiKeys.filter(isKpiKey).filter((k) => KPIS[k].scopes.includes(options.scope.type)),
    }))
    // An area with nothing to show for this scope (team motivation for one rep) is left out.
    .filter((a) => a.keys.length > 0)
  const keys = [...new Set(areas.flatMap((a) => a.keys))]
  const [view, scopeName] = await Promise.all([
    loadView(db.pool, { ...options, keys, breakdown: ['team', 'region'].includes(options.scope.type) }, db.spans),
    nameOf(db.pool, options.organizationId, options.scope),
  ])
  return {
    scope: printScope(options.scope),
    scopeName,
    period: periodJson(view),
    now: options.now,
    running: view.running,
    workingDays: view.progress,
    focusAreas: areas.map(({ area, keys: areaKeys }) => ({
      key: area.key,
      name: area.name[locale],
      rank: area.rank,
      kpis: areaKeys.map((key) => ownLineOnly(buildKpiCard(view, key, locale), options.breakdownOnlyFor)),
    })),
  }
}

function ownLineOnly<C extends { breakdown?: { key: string }[] }>(card: C, repId: number | undefined): C {
  if (repId === undefined || card.breakdown === undefined) return card
  return { ...card, breakdown: card.breakdown.filter((line) => line.key === `rep:${repId}`) }
}

export type KpiDetailOptions = DashboardOptions & {
  key: string
  /** Who asks: a rep sees only their own leaderboard line unless the organisation's team leaderboard is on. */
  viewer?: Pick<AuthUser, 'id' | 'role' | 'organizationId'>
}

/**
 * One KPI in depth: the dashboard card (trend, targets, status), the value per rep for team scopes (the
 * team's sellers) and the org scope (every active seller; decision 0038) with each one's target and status, for KPIs over
 * won/closed deals the value per customer segment and product category, and for lead KPIs per lead channel.
 */
export async function kpiDetail(db: DashboardDb, options: KpiDetailOptions): Promise<KpiDetail> {
  const { key } = options
  if (!isKpiKey(key)) throw new HttpError('not_found', `unknown KPI ${key}`, 'params.key')
  const locale = options.locale ?? 'en'
  const scope = options.scope
  const view = await loadView(db.pool, { ...options, keys: [key], breakdown: true }, db.spans)
  const card = buildKpiCard(view, key, locale)
  delete card.breakdown
  const [scopeName, deals, byChannel, leaderboard] = await Promise.all([
    nameOf(db.pool, options.organizationId, scope),
    dealBreakdowns(db.pool, view, key),
    leadChannelBreakdown(db.pool, view, key),
    repLeaderboard(db.pool, view, key, repBreakdown(view, key)),
  ])
  return {
    scope: printScope(scope),
    scopeName,
    period: periodJson(view),
    now: options.now,
    workingDays: view.progress,
    kpi: card,
    byRep: await visibleLeaderboard(db.pool, options.viewer, leaderboard),
    bySegment: deals.bySegment,
    byProductCategory: deals.byProductCategory,
    byChannel,
  }
}

/** The scope's name for the heading and print header (a rep opened from the leaderboard has no other source for it). */
async function nameOf(pool: pg.Pool, organizationId: number, scope: Scope): Promise<string | null> {
  if (scope.type === 'org') return null
  const table = { region: 'regions', team: 'teams', rep: 'users', customer: 'customers' }[scope.type]
  const { rows } = await pool.query<{ name: string }>(
    `SELECT name FROM ${table} WHERE id = $1 AND organization_id = $2`,
    [scope.id, organizationId],
  )
  return rows[0]?.name ?? null
}

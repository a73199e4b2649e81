/**
 * Everything the dashboard and the KPI detail need for one scope and period, loaded with a fixed number
 * of statements whatever the number of KPIs, reps or trend periods: settings, layout, scope, targets,
 * thresholds, and one aggregate statement per group for all spans (plus one per group for the rep
 * breakdown of a team).
 *
 * Span layout of `aggregates`: [0, T) the trend periods oldest first (T = trend.length; T − 1 = the period itself), then the
 * like-for-like previous span, the like-for-like span last year, and — only when revenue growth is among the
 * KPIs — year-to-date and last year-to-date.
 */
import type pg from 'pg'
import { addDays, type LocalDate } from '@kpi/domain/calendar'
import { likeForLike } from '@kpi/domain/comparisons'
import type { Aggregates, GroupKey } from '@kpi/domain/kpis/aggregates'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { groupsFor, KPIS } from '@kpi/domain/kpis/registry'
import {
  lastYearToDate,
  periodContaining,
  trendPeriods,
  yearToDate,
  type Period,
  type PeriodType,
  type Span,
} from '@kpi/domain/periods'
import { printScope, type Scope } from '@kpi/domain/scope'
import { localDateOf, type Instant } from '@kpi/domain/time-zone'
import { workingDayProgress, type WorkingDayProgress } from '@kpi/domain/working-days'
import { actionsIn } from '@kpi/domain/bilingual'
import type { Locale } from '@kpi/domain/format'
import { DERIVED_FROM } from '@kpi/domain/derived-targets'
import { resolveThreshold, type ThresholdSetting } from '@kpi/domain/thresholds'
import { loadAggregates } from './aggregates.sql.ts'
import {
  loadOrganizationMembers,
  loadOrganizationSettings,
  loadParentTargets,
  loadScopeInfo,
  loadTargets,
  loadThresholds,
  type StoredThreshold,
  type OrganizationSettings,
  type ParentTargetTables,
  type ScopeInfo,
  type TargetTable,
} from './settings.db.ts'
import { scopeSetOf } from './scope-set.ts'
import type { SpanAggregates } from './span-cache.ts'

/** Trend length: SPEC asks for at least 12 periods. */
export const TREND_LENGTH = 12

export type ViewRequest = {
  organizationId: number
  scope: Scope
  periodType: PeriodType
  /** Any local date inside the period to show. */
  date: LocalDate
  now: Instant
  keys: readonly KpiKey[]
  /**
   * Aggregates of the period per person: a team's active sellers, or for the org every active seller (decision 0038).
   * Nothing for rep and customer scopes.
   */
  breakdown?: boolean
  /**
   * false: only the period itself of the trend (the alert detector wants statuses, which read the period and its
   * comparisons; the 11 earlier periods were most of its aggregate work). Default: TREND_LENGTH periods.
   */
  trend?: boolean
}

export type KpiView = {
  request: ViewRequest
  settings: OrganizationSettings
  scopeInfo: ScopeInfo
  period: Period
  running: boolean
  progress: WorkingDayProgress
  trend: Period[]
  comparison: { previous: Period; lastYear: Period; yearToDate: Period; lastYearToDate: Period }
  /** Aggregates per span (layout in the file header). */
  aggregates: Partial<Aggregates>[]
  /** The people of the breakdown and the period's aggregates of each, in the same order. */
  breakdownMembers: { id: number; name: string }[]
  repAggregates: Partial<Aggregates>[]
  targets: TargetTable
  /** Day and week views: the coarser targets theirs are derived from when none is set (./kpi-card.ts). */
  parentTargets: ParentTargetTables
  thresholds: Map<string, StoredThreshold>
}

/** The threshold of `key` for the view's scope: its team's override, else its region's, else the org's (decision 0034). */
export function thresholdFor(view: KpiView, key: KpiKey, locale: Locale = 'en'): ThresholdSetting | null {
  const { teamId, regionId } = view.scopeInfo
  // A stored threshold's action points in the reader's language, else the other one (decision 36).
  const stored = (scopeKey: string) => {
    const t = view.thresholds.get(`${key} ${scopeKey}`)
    return t && { ...t, actions: actionsIn({ en: t.actions, nl: t.actionsNl }, locale) }
  }
  return resolveThreshold({
    teamOverride: teamId === null ? null : stored(`team:${teamId}`),
    regionOverride: regionId === null ? null : stored(`region:${regionId}`),
    orgDefault: stored('org'),
    kpiDefault: KPIS[key].defaultThreshold,
  })
}

/** A span typed as a period of `type` (the aggregate statements take periods; like-for-like spans are cut). */
const asPeriod = (span: Span, type: PeriodType, label: string): Period => ({ ...span, type, label })

/** The groups to query: the KPIs' own, plus the pipeline for the revenue forecast. */
export function viewGroups(keys: readonly KpiKey[]): GroupKey[] {
  const groups = new Set(groupsFor(keys))
  if (keys.includes('revenue.won')) groups.add('pipeline')
  return [...groups]
}

/** `spans`: finished spans' aggregates from the span cache (./span-cache.ts); without it all are computed. */
export async function loadView(pool: pg.Pool, request: ViewRequest, spans?: SpanAggregates): Promise<KpiView> {
  const { organizationId, scope, periodType, date, now } = request
  const [settings, scopeInfo, orgMembers] = await Promise.all([
    loadOrganizationSettings(pool, organizationId),
    loadScopeInfo(pool, organizationId, scope),
    request.breakdown && scope.type === 'org' ? loadOrganizationMembers(pool, organizationId, null) : [],
  ])
  const period = periodContaining(date, periodType, settings)
  const fullTrend = trendPeriods(period, TREND_LENGTH, settings)
  const trend = request.trend === false ? fullTrend.slice(-1) : fullTrend
  const lfl = likeForLike(period, now, settings)
  // Year-to-date runs to today inside a running period, else to the period's last day.
  const ytdDate = lfl.running ? localDateOf(now, settings.timeZone) : addDays(period.endDate, -1)
  const comparison = {
    previous: asPeriod(lfl.previous, periodType, fullTrend[TREND_LENGTH - 2]!.label),
    lastYear: asPeriod(lfl.lastYear, periodType, `${period.label} −1y`),
    yearToDate: asPeriod(yearToDate(ytdDate, settings), 'year', 'YTD'),
    lastYearToDate: asPeriod(lastYearToDate(ytdDate, settings), 'year', 'YTD −1y'),
  }
  // Year-to-date spans are long (up to a year each); only revenue growth reads them.
  const viewSpans = [
    ...trend,
    comparison.previous,
    comparison.lastYear,
    ...(request.keys.includes('revenue.growth') ? [comparison.yearToDate, comparison.lastYearToDate] : []),
  ]
  const groups = viewGroups(request.keys)
  const repKeys = request.keys.filter((k) => KPIS[k].scopes.includes('rep'))
  const members = !request.breakdown
    ? []
    : scope.type === 'team' || scope.type === 'region'
      ? scopeInfo.members
      : orgMembers
  const reps = members.map((m) => m.id)

  const scopeKeys = [printScope(scope)]
  if (scope.type === 'rep' && scopeInfo.teamId !== null && settings.splitTeamTargets)
    scopeKeys.push(`team:${scopeInfo.teamId}`)
  const thresholdScopes = [
    'org',
    ...(scopeInfo.regionId === null ? [] : [`region:${scopeInfo.regionId}`]),
    ...(scopeInfo.teamId === null ? [] : [`team:${scopeInfo.teamId}`]),
  ]

  const [[aggregates], repGrid, targets, parentTargets, thresholds] = await Promise.all([
    loadAggregates(
      pool,
      { organizationId, scopes: scopeSetOf(scope), periods: viewSpans, now, settings, groups },
      spans,
    ),
    reps.length > 0 && repKeys.length > 0
      ? loadAggregates(
          pool,
          {
            organizationId,
            scopes: { type: 'rep', ids: reps },
            periods: [period],
            now,
            settings,
            groups: groupsFor(repKeys),
          },
          spans,
        )
      : Promise.resolve(reps.map(() => [{}])),
    loadTargets(pool, { organizationId, scopeKeys, periodType, periodStarts: trend.map((p) => p.startDate) }),
    loadParentTargets(pool, {
      organizationId,
      scopeKeys,
      periodTypes: DERIVED_FROM[periodType],
      from: trend[0]!.startDate,
      to: period.endDate,
    }),
    loadThresholds(pool, organizationId, thresholdScopes),
  ])
  return {
    request,
    settings,
    scopeInfo,
    period,
    running: lfl.running,
    progress: workingDayProgress(period, now, settings.timeZone, settings.holidays),
    trend,
    comparison,
    aggregates: aggregates!,
    breakdownMembers: members,
    repAggregates: repGrid.map((line) => line[0]!),
    targets,
    parentTargets,
    thresholds,
  }
}

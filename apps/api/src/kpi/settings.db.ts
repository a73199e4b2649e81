/**
 * What the dashboard reads besides the aggregates: organisation settings, the focus-area layout, the
 * scope's team and members, targets and thresholds. Each is one parameterised statement.
 */
import type pg from 'pg'
import type { LocalDate } from '@kpi/domain/calendar'
import { DEFAULT_FOCUS_AREAS, type FocusAreaLayout } from '@kpi/domain/focus-areas'
import type { PeriodSettings, PeriodType } from '@kpi/domain/periods'
import type { Scope } from '@kpi/domain/scope'
import type { ThresholdActions, ThresholdSetting } from '@kpi/domain/thresholds'
import { HttpError } from '../http-errors.ts'

export type OrganizationSettings = PeriodSettings & {
  splitTeamTargets: boolean
  holidays: ReadonlySet<LocalDate>
}

/** The columns `settingsFrom` reads. */
export type OrganizationSettingsRow = {
  time_zone: string
  fiscal_year_start_month: number
  split_team_targets: boolean
  holidays: LocalDate[]
}

/** Select-list items of the settings, for any query over `organizations org`. */
export const ORGANIZATION_SETTINGS_COLUMNS = `org.time_zone, org.fiscal_year_start_month, org.split_team_targets,
  coalesce((select array_agg(to_char(h.date, 'YYYY-MM-DD') order by h.date) from holidays h
            where h.organization_id = org.id), '{}') as holidays`

export function settingsFrom(row: OrganizationSettingsRow): OrganizationSettings {
  return {
    timeZone: row.time_zone,
    fiscalYearStartMonth: row.fiscal_year_start_month,
    splitTeamTargets: row.split_team_targets,
    holidays: new Set(row.holidays),
  }
}

export async function loadOrganizationSettings(pool: pg.Pool, organizationId: number): Promise<OrganizationSettings> {
  const { rows } = await pool.query<OrganizationSettingsRow>(
    `SELECT ${ORGANIZATION_SETTINGS_COLUMNS} FROM organizations org WHERE org.id = $1`,
    [organizationId],
  )
  const row = rows[0]
  if (!row) throw new HttpError('not_found', `organization ${organizationId} not found`)
  return settingsFrom(row)
}

/** The organisation's layout in rank order; DEFAULT_FOCUS_AREAS when it has configured none. */
export async function loadFocusAreas(pool: pg.Pool, organizationId: number): Promise<FocusAreaLayout[]> {
  const { rows } = await pool.query<{
    key: string
    name_en: string
    name_nl: string
    rank: number
    kpi_keys: string[]
  }>(
    `SELECT f.key, f.name_en, f.name_nl, f.rank,
            coalesce(array_agg(k.kpi_key ORDER BY k.rank, k.id) FILTER (WHERE k.id IS NOT NULL), '{}') AS kpi_keys
     FROM focus_areas f LEFT JOIN focus_area_kpis k ON k.focus_area_id = f.id
     WHERE f.organization_id = $1 GROUP BY f.id ORDER BY f.rank, f.id`,
    [organizationId],
  )
  if (rows.length === 0) return DEFAULT_FOCUS_AREAS
  return rows.map((r) => ({ key: r.key, name: { en: r.name_en, nl: r.name_nl }, rank: r.rank, kpiKeys: r.kpi_keys }))
}

export type ScopeInfo = {
  /** The team whose threshold overrides apply (the team itself, or a rep's current team). */
  teamId: number | null
  /** The region whose threshold overrides apply (the region itself, or that team's region). */
  regionId: number | null
  /** Sellers of a team or region scope (the per-rep breakdown), with names; empty for other scopes. */
  members: { id: number; name: string }[]
  /** Active sellers of the rep's team (to split a team target), 0 when not a rep in a team. */
  teamSize: number
}

/** The scope's team and region (for threshold overrides), by scope type; $1 the scope id, $2 the organisation. */
const SCOPE_TEAM_AND_REGION = {
  region: 'SELECT NULL::int AS team_id, s.id AS region_id FROM regions s WHERE s.id = $1 AND s.organization_id = $2',
  team: 'SELECT s.id AS team_id, s.region_id FROM teams s WHERE s.id = $1 AND s.organization_id = $2',
  rep: `SELECT s.team_id, tm.region_id FROM users s LEFT JOIN teams tm ON tm.id = s.team_id
        WHERE s.id = $1 AND s.organization_id = $2`,
  customer:
    'SELECT NULL::int AS team_id, NULL::int AS region_id FROM customers s WHERE s.id = $1 AND s.organization_id = $2',
} as const

/** Checks the scope belongs to the organisation (404 otherwise) and returns its team, region and members. */
export async function loadScopeInfo(pool: pg.Pool, organizationId: number, scope: Scope): Promise<ScopeInfo> {
  if (scope.type === 'org') return { teamId: null, regionId: null, members: [], teamSize: 0 }
  const { rows } = await pool.query<{ team_id: number | null; region_id: number | null }>(
    SCOPE_TEAM_AND_REGION[scope.type],
    [scope.id, organizationId],
  )
  const row = rows[0]
  if (!row) throw new HttpError('not_found', `${scope.type} ${scope.id} not found`)
  const { team_id: teamId, region_id: regionId } = row
  if (scope.type === 'region') {
    // A region's board: the active people of its teams now (decision 0034).
    const members = await pool.query<{ id: number; name: string }>(
      `SELECT u.id, u.name FROM users u JOIN teams tm ON tm.id = u.team_id
       WHERE u.organization_id = $1 AND tm.region_id = $2 AND u.active ORDER BY u.name, u.id`,
      [organizationId, scope.id],
    )
    return { teamId, regionId, members: members.rows, teamSize: 0 }
  }
  if (teamId === null) return { teamId, regionId, members: [], teamSize: 0 }
  const members = await pool.query<{ id: number; name: string }>(
    `SELECT u.id, u.name FROM users u
     WHERE u.organization_id = $1 AND u.team_id = $2 AND u.active AND ${SELLS} ORDER BY u.name, u.id`,
    [organizationId, teamId],
  )
  return {
    teamId,
    regionId,
    members: scope.type === 'team' ? members.rows : [],
    teamSize: members.rows.length,
  }
}

export const DB_PERIOD_TYPE: Record<PeriodType, string> = {
  day: 'DAY',
  week: 'WEEK',
  month: 'MONTH',
  quarter: 'QUARTER',
  year: 'YEAR',
}

/** target value by `${kpiKey} ${scopeKey} ${periodStart}`. */
export type TargetTable = Map<string, number>
export const targetKey = (kpiKey: string, scopeKey: string, periodStart: LocalDate) =>
  `${kpiKey} ${scopeKey} ${periodStart}`

/** Targets of the given scope keys for the periods starting on `periodStarts` (one statement). */
export async function loadTargets(
  pool: pg.Pool,
  request: { organizationId: number; scopeKeys: string[]; periodType: PeriodType; periodStarts: LocalDate[] },
): Promise<TargetTable> {
  const { rows } = await pool.query<{ kpi_key: string; scope_key: string; period_start: string; value: string }>(
    `SELECT kpi_key, scope_key, to_char(period_start, 'YYYY-MM-DD') AS period_start, value::text
     FROM targets
     WHERE organization_id = $1 AND scope_key = ANY($2::text[]) AND period_type = $3::"PeriodType"
       AND period_start = ANY($4::date[])`,
    [request.organizationId, request.scopeKeys, DB_PERIOD_TYPE[request.periodType], request.periodStarts],
  )
  return new Map(rows.map((r) => [targetKey(r.kpi_key, r.scope_key, r.period_start), Number(r.value)]))
}

/** Targets a day or week target is derived from, by period type (`DERIVED_FROM` in the domain). */
export type ParentTargetTables = Map<PeriodType, TargetTable>

/**
 * Targets of the given coarser period types that may overlap [from, to): those starting before `to` and at
 * most a year before `from` (a year target is the longest). One statement.
 */
export async function loadParentTargets(
  pool: pg.Pool,
  request: {
    organizationId: number
    scopeKeys: string[]
    periodTypes: readonly PeriodType[]
    from: LocalDate
    to: LocalDate
  },
): Promise<ParentTargetTables> {
  const tables: ParentTargetTables = new Map(request.periodTypes.map((type) => [type, new Map()]))
  if (request.periodTypes.length === 0) return tables
  const { rows } = await pool.query<{
    period_type: string
    kpi_key: string
    scope_key: string
    period_start: string
    value: string
  }>(
    `SELECT period_type::text, kpi_key, scope_key, to_char(period_start, 'YYYY-MM-DD') AS period_start, value::text
     FROM targets
     WHERE organization_id = $1 AND scope_key = ANY($2::text[]) AND period_type::text = ANY($3::text[])
       AND period_start < $5::date AND period_start > $4::date - INTERVAL '1 year'`,
    [
      request.organizationId,
      request.scopeKeys,
      request.periodTypes.map((type) => DB_PERIOD_TYPE[type]),
      request.from,
      request.to,
    ],
  )
  const typeOf = new Map(Object.entries(DB_PERIOD_TYPE).map(([type, db]) => [db, type as PeriodType]))
  for (const r of rows)
    tables.get(typeOf.get(r.period_type)!)?.set(targetKey(r.kpi_key, r.scope_key, r.period_start), Number(r.value))
  return tables
}

/** A stored threshold: `actions` in English, `actionsNl` in Dutch (the card shows the reader's, decision 36). */
export type StoredThreshold = ThresholdSetting & { actionsNl: ThresholdActions }

/** Thresholds by `${kpiKey} ${scopeKey}` for the org default and (optionally) a region's and a team's override. */
export async function loadThresholds(
  pool: pg.Pool,
  organizationId: number,
  scopeKeys: string[],
): Promise<Map<string, StoredThreshold>> {
  const { rows } = await pool.query<{
    kpi_key: string
    scope_key: string
    mode: 'RELATIVE' | 'ABSOLUTE'
    green_from: string
    orange_from: string
    green_actions: string[]
    orange_actions: string[]
    red_actions: string[]
    green_actions_nl: string[]
    orange_actions_nl: string[]
    red_actions_nl: string[]
  }>(
    `SELECT kpi_key, scope_key, mode, green_from::text, orange_from::text, green_actions, orange_actions, red_actions,
            green_actions_nl, orange_actions_nl, red_actions_nl
     FROM thresholds WHERE organization_id = $1 AND scope_key = ANY($2::text[])`,
    [organizationId, scopeKeys],
  )
  return new Map(
    rows.map((r) => [
      `${r.kpi_key} ${r.scope_key}`,
      {
        mode: r.mode === 'RELATIVE' ? 'relative' : 'absolute',
        greenFrom: Number(r.green_from),
        orangeFrom: Number(r.orange_from),
        actions: { green: r.green_actions, orange: r.orange_actions, red: r.red_actions },
        actionsNl: { green: r.green_actions_nl, orange: r.orange_actions_nl, red: r.red_actions_nl },
      },
    ]),
  )
}

/**
 * Who sells (decision 0038), over the users row `u`: every rep, and a manager or admin who owns a deal or has a
 * personal target. Every per-person breakdown, leaderboard and team-target split counts only these people, so a
 * manager who sells nothing is not a €0 line nor a share of the team's target.
 */
export const SELLS = `(u.role = 'REP'
  OR EXISTS (SELECT 1 FROM deals d WHERE d.owner_id = u.id)
  OR EXISTS (SELECT 1 FROM targets g WHERE g.user_id = u.id))`

/** Active sellers (SELLS) of the organisation, or of one team, by name (the per-rep breakdowns). */
export async function loadOrganizationMembers(
  pool: pg.Pool,
  organizationId: number,
  teamId: number | null,
): Promise<{ id: number; name: string }[]> {
  const { rows } = await pool.query<{ id: number; name: string }>(
    `SELECT u.id, u.name FROM users u
     WHERE u.organization_id = $1 AND u.active AND ($2::int IS NULL OR u.team_id = $2::int) AND ${SELLS}
     ORDER BY u.name, u.id`,
    [organizationId, teamId],
  )
  return rows
}

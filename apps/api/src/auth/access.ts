import type { Scope } from '@kpi/domain/scope'
import type pg from 'pg'
import { HttpError } from '../http-errors.ts'
import type { AuthUser } from './auth-user.ts'

/**
 * Who may see and set figures for which scope — the one place these rules live; every route that takes a scope
 * calls `assertCanView` (or `assertCanEditTargets`) before it reads anything.
 *
 * | scope         | admin        | manager                               | rep                                          |
 * |---------------|--------------|---------------------------------------|----------------------------------------------|
 * | org           | view, edit   | —                                     | —                                            |
 * | region:G      | view, edit   | view, edit if they manage G           | —                                            |
 * | team:T        | view, edit   | view, edit if they manage T           | view if T is their own team (totals)         |
 * | rep:R         | view, edit   | view, edit if R is in a team they manage; view self | view self; view teammates only with the leaderboard on |
 * | customer:C    | view, edit   | view if C's owner is in a team they manage | view if they own C                       |
 *
 * A region's manager sees its totals and per-rep board and sets its targets; the teams and reps in it stay with
 * their team managers (decision 0034). Reps never see a region: its total would reveal other teams' figures.
 *
 * Managers do not see the organisation total: with their own teams' totals in hand it would reveal the sum of
 * every other team, which is exactly what "sees the teams they manage" rules out. Give them an admin account if
 * they need it.
 *
 * Anything in another organisation (or that does not exist) is `not_found` → 404, not 403: a 403 would confirm
 * to a user of organisation A that team 17 exists in some other organisation. Inside their own organisation a
 * user is told 403, because the existence of a colleague's team is no secret there.
 */
export type AccessDecision = 'allowed' | 'forbidden' | 'not_found'

/** The facts about a scope that the rules need; `resolveScopeContext` loads them. */
export type ScopeContext = {
  /** The organisation the scope's entity belongs to; null when it does not exist. ('org' scopes: the user's.) */
  organizationId: number | null
  /** rep:R → R's team. */
  repTeamId?: number | null
  /** customer:C → the owning rep and that rep's team. */
  customerOwnerId?: number | null
  customerOwnerTeamId?: number | null
  /** region:G → G's manager. */
  regionManagerId?: number | null
  /** The organisation's "team leaderboard" switch (reps see their teammates' figures). */
  leaderboardEnabled: boolean
}

function sameOrganization(user: AuthUser, ctx: ScopeContext): boolean {
  return ctx.organizationId !== null && ctx.organizationId === user.organizationId
}

function manages(user: AuthUser, teamId: number | null | undefined): boolean {
  return user.role === 'manager' && teamId != null && user.managedTeamIds.includes(teamId)
}

/** May `user` read the figures of `scope`? Pure: everything it needs is in `ctx`. */
export function canViewScope(user: AuthUser, scope: Scope, ctx: ScopeContext): AccessDecision {
  if (!sameOrganization(user, ctx)) return 'not_found'
  if (user.role === 'admin') return 'allowed'
  const allowed = (() => {
    switch (scope.type) {
      case 'org':
        return false
      case 'region':
        return user.role === 'manager' && ctx.regionManagerId === user.id
      case 'team':
        return manages(user, scope.id) || (user.role === 'rep' && user.teamId === scope.id)
      case 'rep':
        if (scope.id === user.id) return true
        if (manages(user, ctx.repTeamId)) return true
        return user.role === 'rep' && ctx.leaderboardEnabled && user.teamId !== null && ctx.repTeamId === user.teamId
      case 'customer':
        if (user.role === 'rep') return ctx.customerOwnerId === user.id
        return manages(user, ctx.customerOwnerTeamId)
    }
  })()
  return allowed ? 'allowed' : 'forbidden'
}

/** May `user` set targets (and other per-scope settings) for `scope`? Reps never; managers their teams and reps. */
export function canEditTargetsFor(user: AuthUser, scope: Scope, ctx: ScopeContext): AccessDecision {
  if (!sameOrganization(user, ctx)) return 'not_found'
  if (user.role === 'admin') return 'allowed'
  if (user.role === 'rep') return 'forbidden'
  if (scope.type === 'region') return ctx.regionManagerId === user.id ? 'allowed' : 'forbidden'
  if (scope.type === 'team') return manages(user, scope.id) ? 'allowed' : 'forbidden'
  if (scope.type === 'rep') return manages(user, ctx.repTeamId) ? 'allowed' : 'forbidden'
  return 'forbidden'
}

/** Turns a decision into the HTTP answer: 404 `not_found`, 403 `forbidden`, or nothing. */
export function assertAllowed(decision: AccessDecision, scope: Scope): void {
  if (decision === 'not_found') throw new HttpError('not_found', `scope ${describe(scope)} not found`)
  if (decision === 'forbidden') throw new HttpError('forbidden', forbiddenMessage(scope))
}

/** Read by people (the web shows its own localised text, but API users and logs see this): say whose figures. */
function forbiddenMessage(scope: Scope): string {
  const whose = {
    org: 'the organisation',
    region: 'this region',
    team: 'this team',
    rep: 'this rep',
    customer: 'this customer',
  }
  return `You may not view the figures of ${whose[scope.type]} (${describe(scope)})`
}

function describe(scope: Scope): string {
  return scope.type === 'org' ? 'org' : `${scope.type}:${scope.id}`
}

type Queryable = Pick<pg.Pool, 'query'>

/** The columns `scopeContextFrom` reads; `scopeContextJoin` provides them as `e.*` beside `org` (organizations). */
export type ScopeContextRow = {
  organization_id: number | null
  rep_team_id: number | null
  owner_id: number | null
  owner_team_id: number | null
  region_manager_id: number | null
  leaderboard_enabled: boolean
}

/** Select-list items of the ScopeContext, for a query over `organizations org` joined with `scopeContextJoin`. */
export const SCOPE_CONTEXT_COLUMNS =
  'e.organization_id, e.rep_team_id, e.owner_id, e.owner_team_id, e.region_manager_id, org.leaderboard_enabled'

/**
 * `left join (the scope's entity) as e on true`, for a query over `organizations org where org.id = $2`, with the
 * scope's id as $1 (null for 'org'): the join behind `resolveScopeContext`, reusable by a route that wants the
 * access facts and other per-organisation rows in the same statement.
 */
export function scopeContextJoin(scope: Scope): string {
  const entity = {
    org: `SELECT $2::int, NULL::int, NULL::int, NULL::int, NULL::int WHERE $1::int IS NULL`,
    region: `SELECT organization_id, NULL::int, NULL::int, NULL::int, manager_id FROM regions WHERE id = $1`,
    team: `SELECT organization_id, NULL::int, NULL::int, NULL::int, NULL::int FROM teams WHERE id = $1`,
    // A rep scope is any user (managers can have personal figures too).
    rep: `SELECT organization_id, team_id, NULL::int, NULL::int, NULL::int FROM users WHERE id = $1`,
    customer: `SELECT c.organization_id, NULL::int, c.owner_id, o.team_id, NULL::int
                 FROM customers c LEFT JOIN users o ON o.id = c.owner_id WHERE c.id = $1`,
  }[scope.type]
  return `left join (${entity}) as e(organization_id, rep_team_id, owner_id, owner_team_id, region_manager_id) on true`
}

/** $1 and $2 of a query built on `scopeContextJoin`. */
export function scopeContextParams(user: AuthUser, scope: Scope): [number | null, number] {
  return [scope.type === 'org' ? null : scope.id, user.organizationId]
}

/** The ScopeContext from a row with SCOPE_CONTEXT_COLUMNS (none: the user's organisation is gone). */
export function scopeContextFrom(row: ScopeContextRow | undefined): ScopeContext {
  return {
    organizationId: row?.organization_id ?? null,
    repTeamId: row?.rep_team_id ?? null,
    customerOwnerId: row?.owner_id ?? null,
    customerOwnerTeamId: row?.owner_team_id ?? null,
    regionManagerId: row?.region_manager_id ?? null,
    leaderboardEnabled: row?.leaderboard_enabled ?? false,
  }
}

/** Loads the ScopeContext for a scope in one query (organisation flag + the scope's entity). */
export async function resolveScopeContext(db: Queryable, user: AuthUser, scope: Scope): Promise<ScopeContext> {
  const { rows } = await db.query<ScopeContextRow>(
    `SELECT ${SCOPE_CONTEXT_COLUMNS} FROM organizations org ${scopeContextJoin(scope)} WHERE org.id = $2`,
    scopeContextParams(user, scope),
  )
  return scopeContextFrom(rows[0])
}

/** Throws 404/403 unless `user` may view `scope`. Call it before reading any figures for a scope. */
export async function assertCanView(db: Queryable, user: AuthUser, scope: Scope): Promise<void> {
  assertAllowed(canViewScope(user, scope, await resolveScopeContext(db, user, scope)), scope)
}

/** Throws 404/403 unless `user` may set targets for `scope`. */
export async function assertCanEditTargets(db: Queryable, user: AuthUser, scope: Scope): Promise<void> {
  assertAllowed(canEditTargetsFor(user, scope, await resolveScopeContext(db, user, scope)), scope)
}

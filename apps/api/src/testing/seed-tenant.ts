import { randomBytes } from 'node:crypto'
import { hashPassword } from '@kpi/db/passwords'
import type pg from 'pg'

/**
 * seedTenant(pool, overrides?) — a small organisation for API tests, with unique names and emails so any number
 * of tenants can share one test database (tests seed their own tenant instead of truncating):
 *
 *   organisation "Org <x>"  (leaderboard off unless overrides.leaderboardEnabled)
 *   ├─ admin
 *   ├─ teams[0]: manager + reps[0], reps[1]     each rep owns one customer (rep.customerId)
 *   └─ teams[1]: manager + reps[0], reps[1]
 *   other organisation (for cross-tenant tests): other.admin, other.rep in other.teamId, owning other.customerId
 *
 * Every user's password is `tenant.password` (TEST_PASSWORD unless overridden). Log in with
 * `loginAs(app, tenant.teams[0].reps[0].email)` from ./login-as.ts.
 */

export const TEST_PASSWORD = 'correct horse battery'

export type SeededUser = { id: number; email: string; name: string }
export type SeededRep = SeededUser & { customerId: number }
export type SeededTeam = { id: number; name: string; manager: SeededUser; reps: [SeededRep, SeededRep] }

export type Tenant = {
  organizationId: number
  /** What the seeded names end with: "Org <tag>", "admin <tag>", "admin-<tag>@example.test". */
  tag: string
  admin: SeededUser
  teams: [SeededTeam, SeededTeam]
  other: { organizationId: number; admin: SeededUser; rep: SeededRep; teamId: number }
  password: string
}

export type TenantOverrides = { leaderboardEnabled?: boolean; password?: string }

// scrypt costs ~50 ms; one hash serves every seeded user of a run.
const hashes = new Map<string, Promise<string>>()
function hashFor(password: string): Promise<string> {
  let hash = hashes.get(password)
  if (hash === undefined) {
    hash = hashPassword(password)
    hashes.set(password, hash)
  }
  return hash
}

type Ctx = { pool: pg.Pool; orgId: number; tag: string; hash: string }

async function insertOrganization(pool: pg.Pool, tag: string, leaderboard: boolean): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO organizations (name, slug, leaderboard_enabled, updated_at) VALUES ($1, $2, $3, now()) RETURNING id`,
    [`Org ${tag}`, `org-${tag}`, leaderboard],
  )
  return rows[0]!.id
}

async function insertTeam({ pool, orgId, tag }: Ctx, name: string): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO teams (organization_id, name) VALUES ($1, $2) RETURNING id`,
    [orgId, `${name} ${tag}`],
  )
  return rows[0]!.id
}

async function insertUser(
  { pool, orgId, tag, hash }: Ctx,
  handle: string,
  role: 'ADMIN' | 'MANAGER' | 'REP',
  teamId: number | null,
): Promise<SeededUser> {
  const email = `${handle}-${tag}@example.test`
  const name = `${handle} ${tag}`
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO users (organization_id, email, name, role, team_id, password_hash, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING id`,
    [orgId, email, name, role, teamId, hash],
  )
  return { id: rows[0]!.id, email, name }
}

async function insertRep(ctx: Ctx, handle: string, teamId: number): Promise<SeededRep> {
  const rep = await insertUser(ctx, handle, 'REP', teamId)
  const { rows } = await ctx.pool.query<{ id: number }>(
    `INSERT INTO customers (organization_id, name, segment, owner_id) VALUES ($1, $2, 'SMB', $3) RETURNING id`,
    [ctx.orgId, `Customer of ${rep.name}`, rep.id],
  )
  return { ...rep, customerId: rows[0]!.id }
}

async function insertManagedTeam(ctx: Ctx, index: number): Promise<SeededTeam> {
  const name = `Team ${index + 1}`
  const id = await insertTeam(ctx, name)
  const manager = await insertUser(ctx, `manager${index + 1}`, 'MANAGER', null)
  await ctx.pool.query('UPDATE teams SET manager_id = $1 WHERE id = $2', [manager.id, id])
  const reps: [SeededRep, SeededRep] = [
    await insertRep(ctx, `rep${index + 1}a`, id),
    await insertRep(ctx, `rep${index + 1}b`, id),
  ]
  return { id, name: `${name} ${ctx.tag}`, manager, reps }
}

export async function seedTenant(pool: pg.Pool, overrides: TenantOverrides = {}): Promise<Tenant> {
  const password = overrides.password ?? TEST_PASSWORD
  const hash = await hashFor(password)
  const tag = randomBytes(4).toString('hex')
  const orgId = await insertOrganization(pool, tag, overrides.leaderboardEnabled ?? false)
  const ctx: Ctx = { pool, orgId, tag, hash }
  const admin = await insertUser(ctx, 'admin', 'ADMIN', null)
  const teams: [SeededTeam, SeededTeam] = [await insertManagedTeam(ctx, 0), await insertManagedTeam(ctx, 1)]

  const otherTag = `${tag}-other`
  const otherOrgId = await insertOrganization(pool, otherTag, true)
  const otherCtx: Ctx = { pool, orgId: otherOrgId, tag: otherTag, hash }
  const otherTeamId = await insertTeam(otherCtx, 'Team')
  const other = {
    organizationId: otherOrgId,
    admin: await insertUser(otherCtx, 'admin', 'ADMIN', null),
    rep: await insertRep(otherCtx, 'rep', otherTeamId),
    teamId: otherTeamId,
  }
  return { organizationId: orgId, tag, admin, teams, other, password }
}

import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import type { Scope } from '@kpi/domain/scope'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { assertCanEditTargets, assertCanView, canEditTargetsFor, canViewScope, type ScopeContext } from './access.ts'
import type { AuthUser } from './auth-user.ts'

// Organisation 1: team 10 (manager 2; reps 100, 101), team 20 (manager 3; rep 200). Organisation 9 elsewhere.
const admin: AuthUser = {
  id: 1,
  organizationId: 1,
  role: 'admin',
  teamId: null,
  managedTeamIds: [],
  name: 'A',
  email: 'a@x',
}
const manager: AuthUser = {
  id: 2,
  organizationId: 1,
  role: 'manager',
  teamId: null,
  managedTeamIds: [10],
  name: 'M',
  email: 'm@x',
}
const rep: AuthUser = {
  id: 100,
  organizationId: 1,
  role: 'rep',
  teamId: 10,
  managedTeamIds: [],
  name: 'R',
  email: 'r@x',
}
const users = { admin, manager, rep }

const ctx = (facts: Partial<ScopeContext> = {}): ScopeContext => ({
  organizationId: 1,
  leaderboardEnabled: false,
  ...facts,
})

type Case = { scope: Scope; facts: Partial<ScopeContext>; admin: string; manager: string; rep: string; why: string }

const viewCases: Case[] = [
  {
    why: 'organisation total',
    scope: { type: 'org' },
    facts: {},
    admin: 'allowed',
    manager: 'forbidden',
    rep: 'forbidden',
  },
  {
    why: 'own/managed team',
    scope: { type: 'team', id: 10 },
    facts: {},
    admin: 'allowed',
    manager: 'allowed',
    rep: 'allowed',
  },
  {
    why: 'other team',
    scope: { type: 'team', id: 20 },
    facts: {},
    admin: 'allowed',
    manager: 'forbidden',
    rep: 'forbidden',
  },
  {
    why: 'team in another org',
    scope: { type: 'team', id: 90 },
    facts: { organizationId: 9 },
    admin: 'not_found',
    manager: 'not_found',
    rep: 'not_found',
  },
  {
    why: 'team that does not exist',
    scope: { type: 'team', id: 99 },
    facts: { organizationId: null },
    admin: 'not_found',
    manager: 'not_found',
    rep: 'not_found',
  },
  {
    why: 'the rep themself',
    scope: { type: 'rep', id: 100 },
    facts: { repTeamId: 10 },
    admin: 'allowed',
    manager: 'allowed',
    rep: 'allowed',
  },
  {
    why: 'teammate, leaderboard off',
    scope: { type: 'rep', id: 101 },
    facts: { repTeamId: 10 },
    admin: 'allowed',
    manager: 'allowed',
    rep: 'forbidden',
  },
  {
    why: 'teammate, leaderboard on',
    scope: { type: 'rep', id: 101 },
    facts: { repTeamId: 10, leaderboardEnabled: true },
    admin: 'allowed',
    manager: 'allowed',
    rep: 'allowed',
  },
  {
    why: 'rep of other team, leaderboard on',
    scope: { type: 'rep', id: 200 },
    facts: { repTeamId: 20, leaderboardEnabled: true },
    admin: 'allowed',
    manager: 'forbidden',
    rep: 'forbidden',
  },
  {
    why: 'rep in another org',
    scope: { type: 'rep', id: 900 },
    facts: { organizationId: 9, repTeamId: 90 },
    admin: 'not_found',
    manager: 'not_found',
    rep: 'not_found',
  },
  {
    why: 'the manager themself',
    scope: { type: 'rep', id: 2 },
    facts: { repTeamId: null },
    admin: 'allowed',
    manager: 'allowed',
    rep: 'forbidden',
  },
  {
    why: 'customer owned by the rep',
    scope: { type: 'customer', id: 5 },
    facts: { customerOwnerId: 100, customerOwnerTeamId: 10 },
    admin: 'allowed',
    manager: 'allowed',
    rep: 'allowed',
  },
  {
    why: 'customer of a teammate',
    scope: { type: 'customer', id: 6 },
    facts: { customerOwnerId: 101, customerOwnerTeamId: 10, leaderboardEnabled: true },
    admin: 'allowed',
    manager: 'allowed',
    rep: 'forbidden',
  },
  {
    why: 'customer of another team',
    scope: { type: 'customer', id: 7 },
    facts: { customerOwnerId: 200, customerOwnerTeamId: 20 },
    admin: 'allowed',
    manager: 'forbidden',
    rep: 'forbidden',
  },
  {
    why: 'customer without owner',
    scope: { type: 'customer', id: 8 },
    facts: { customerOwnerId: null, customerOwnerTeamId: null },
    admin: 'allowed',
    manager: 'forbidden',
    rep: 'forbidden',
  },
]

describe('canViewScope', () => {
  test.each(
    viewCases.flatMap((c) => (['admin', 'manager', 'rep'] as const).map((role) => ({ ...c, role, expected: c[role] }))),
  )('$role, $why → $expected', ({ role, scope, facts, expected }) => {
    expect(canViewScope(users[role], scope, ctx(facts))).toBe(expected)
  })
})

describe('canEditTargetsFor', () => {
  test.each([
    { role: 'admin', scope: { type: 'org' }, facts: {}, expected: 'allowed' },
    { role: 'manager', scope: { type: 'org' }, facts: {}, expected: 'forbidden' },
    { role: 'manager', scope: { type: 'team', id: 10 }, facts: {}, expected: 'allowed' },
    { role: 'manager', scope: { type: 'team', id: 20 }, facts: {}, expected: 'forbidden' },
    { role: 'manager', scope: { type: 'rep', id: 101 }, facts: { repTeamId: 10 }, expected: 'allowed' },
    { role: 'manager', scope: { type: 'rep', id: 200 }, facts: { repTeamId: 20 }, expected: 'forbidden' },
    { role: 'manager', scope: { type: 'customer', id: 5 }, facts: { customerOwnerTeamId: 10 }, expected: 'forbidden' },
    { role: 'rep', scope: { type: 'rep', id: 100 }, facts: { repTeamId: 10 }, expected: 'forbidden' },
    { role: 'rep', scope: { type: 'team', id: 10 }, facts: {}, expected: 'forbidden' },
    { role: 'admin', scope: { type: 'team', id: 90 }, facts: { organizationId: 9 }, expected: 'not_found' },
  ] as const)('$role on $scope.type $scope.id → $expected', ({ role, scope, facts, expected }) => {
    expect(canEditTargetsFor(users[role], scope, ctx(facts))).toBe(expected)
  })
})

// The resolver against real rows: the same rules, with the facts loaded from PostgreSQL.
describe('assertCanView / assertCanEditTargets with the database', () => {
  let database: TestDatabase
  let tenant: Tenant
  let open: Tenant

  beforeAll(async () => {
    database = await createTestDatabase()
    tenant = await seedTenant(database.pool)
    open = await seedTenant(database.pool, { leaderboardEnabled: true })
  })
  afterAll(async () => {
    await database?.[Symbol.asyncDispose]()
  })

  async function userOf(t: Tenant, who: 'admin' | 'manager' | 'rep'): Promise<AuthUser> {
    const seeded = who === 'admin' ? t.admin : who === 'manager' ? t.teams[0].manager : t.teams[0].reps[0]
    return {
      id: seeded.id,
      organizationId: t.organizationId,
      role: who,
      teamId: who === 'rep' ? t.teams[0].id : null,
      managedTeamIds: who === 'manager' ? [t.teams[0].id] : [],
      name: seeded.name,
      email: seeded.email,
    }
  }

  async function outcome(promise: Promise<void>): Promise<number> {
    try {
      await promise
      return 200
    } catch (error) {
      return (error as { statusCode: number }).statusCode
    }
  }

  test.each([
    { who: 'rep', scope: (t: Tenant) => ({ type: 'rep', id: t.teams[0].reps[0].id }), closed: 200, leaderboard: 200 },
    { who: 'rep', scope: (t: Tenant) => ({ type: 'rep', id: t.teams[0].reps[1].id }), closed: 403, leaderboard: 200 },
    { who: 'rep', scope: (t: Tenant) => ({ type: 'rep', id: t.teams[1].reps[0].id }), closed: 403, leaderboard: 403 },
    { who: 'rep', scope: (t: Tenant) => ({ type: 'team', id: t.teams[0].id }), closed: 200, leaderboard: 200 },
    { who: 'rep', scope: (t: Tenant) => ({ type: 'team', id: t.teams[1].id }), closed: 403, leaderboard: 403 },
    {
      who: 'rep',
      scope: (t: Tenant) => ({ type: 'customer', id: t.teams[0].reps[0].customerId }),
      closed: 200,
      leaderboard: 200,
    },
    {
      who: 'rep',
      scope: (t: Tenant) => ({ type: 'customer', id: t.teams[0].reps[1].customerId }),
      closed: 403,
      leaderboard: 403,
    },
    { who: 'rep', scope: () => ({ type: 'org' }), closed: 403, leaderboard: 403 },
    {
      who: 'manager',
      scope: (t: Tenant) => ({ type: 'rep', id: t.teams[0].reps[1].id }),
      closed: 200,
      leaderboard: 200,
    },
    {
      who: 'manager',
      scope: (t: Tenant) => ({ type: 'rep', id: t.teams[1].reps[1].id }),
      closed: 403,
      leaderboard: 403,
    },
    {
      who: 'manager',
      scope: (t: Tenant) => ({ type: 'customer', id: t.teams[0].reps[1].customerId }),
      closed: 200,
      leaderboard: 200,
    },
    {
      who: 'manager',
      scope: (t: Tenant) => ({ type: 'customer', id: t.teams[1].reps[1].customerId }),
      closed: 403,
      leaderboard: 403,
    },
    { who: 'manager', scope: () => ({ type: 'org' }), closed: 403, leaderboard: 403 },
    { who: 'admin', scope: () => ({ type: 'org' }), closed: 200, leaderboard: 200 },
    {
      who: 'admin',
      scope: (t: Tenant) => ({ type: 'customer', id: t.teams[1].reps[1].customerId }),
      closed: 200,
      leaderboard: 200,
    },
    // Other organisation's entities: 404 for everyone, admins included.
    { who: 'admin', scope: (t: Tenant) => ({ type: 'team', id: t.other.teamId }), closed: 404, leaderboard: 404 },
    { who: 'admin', scope: (t: Tenant) => ({ type: 'rep', id: t.other.rep.id }), closed: 404, leaderboard: 404 },
    {
      who: 'rep',
      scope: (t: Tenant) => ({ type: 'customer', id: t.other.rep.customerId }),
      closed: 404,
      leaderboard: 404,
    },
    { who: 'admin', scope: () => ({ type: 'team', id: 999_999 }), closed: 404, leaderboard: 404 },
  ] as const)(
    '$who viewing case #$# → $closed (leaderboard on: $leaderboard)',
    async ({ who, scope, closed, leaderboard }) => {
      expect(await outcome(assertCanView(database.pool, await userOf(tenant, who), scope(tenant) as Scope))).toBe(
        closed,
      )
      expect(await outcome(assertCanView(database.pool, await userOf(open, who), scope(open) as Scope))).toBe(
        leaderboard,
      )
    },
  )

  test('targets: a manager sets their team and its reps, not another team; a rep sets nothing', async () => {
    const m = await userOf(tenant, 'manager')
    const r = await userOf(tenant, 'rep')
    expect(await outcome(assertCanEditTargets(database.pool, m, { type: 'team', id: tenant.teams[0].id }))).toBe(200)
    expect(await outcome(assertCanEditTargets(database.pool, m, { type: 'rep', id: tenant.teams[0].reps[1].id }))).toBe(
      200,
    )
    expect(await outcome(assertCanEditTargets(database.pool, m, { type: 'team', id: tenant.teams[1].id }))).toBe(403)
    expect(await outcome(assertCanEditTargets(database.pool, r, { type: 'rep', id: r.id }))).toBe(403)
    expect(await outcome(assertCanEditTargets(database.pool, m, { type: 'team', id: tenant.other.teamId }))).toBe(404)
  })
})

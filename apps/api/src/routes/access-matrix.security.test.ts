import { randomBytes } from 'node:crypto'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import { loginAs, type Session } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { freePort, testConfig } from '../testing/test-app.ts'

// Issue "Hardening" 5: the access matrix for EVERY route of the API. Rows: route × role × target data → status.
// The route list comes from the app's own OpenAPI document, so a new route without a row fails the first test.
//
// Roles:   anonymous · rep (team 1's first rep) · otherRep (team 1's second rep) · manager (of team 1) ·
//          otherManager (of team 2) · admin · otherAdmin (admin of another organisation)
// Targets, seen from `rep`: own (the rep's data) · otherRep (their teammate's) · otherTeam (team 2's) ·
//          otherOrg (another organisation's). Routes without target data have the single target `none`.
//
// The expected statuses follow the rules in auth/access.ts (scopes) and records/visibility.ts (records):
// admins see their organisation, managers the teams they manage, reps themselves (the leaderboard is off);
// another organisation's data is 404, never 403. Writes are sent with a stale version (999) so an allowed
// writer stops at the 409 version check and the matrix changes no seeded row.

const ROLES = ['anonymous', 'rep', 'otherRep', 'manager', 'otherManager', 'admin', 'otherAdmin'] as const
type Role = (typeof ROLES)[number]
const TARGETS = ['own', 'otherRep', 'otherTeam', 'otherOrg'] as const
type Target = (typeof TARGETS)[number] | 'none'

type Request = { url: string; body?: unknown; contentType?: string }
type Fixture = {
  tenant: Tenant
  /** target → the user who owns that data, their team, and records of theirs made in beforeAll */
  owner: Record<(typeof TARGETS)[number], { userId: number; teamId: number; customerId: number }>
  records: Record<string, Record<(typeof TARGETS)[number], number>>
  targetIds: Record<(typeof TARGETS)[number], number>
  webhookIds: { own: number; otherOrg: number }
  productIds: { own: number; otherOrg: number }
  /** A region per organisation (own: managed by `manager`, holding no team), each with a threshold override. */
  regionIds: { own: number; otherOrg: number }
  /** Pending invitations per team target: one set to resend, one to revoke; and a usable link's token. */
  invitations: { resend: Record<TeamTarget, number>; revoke: Record<TeamTarget, number>; token: string }
}
type TeamTarget = 'own' | 'otherTeam' | 'otherOrg'

/**
 * Expected statuses per role, one column per target (in the order of `targets`). A string like
 * '200 403 403 404' reads as own, otherRep, otherTeam, otherOrg.
 */
type Row = {
  targets: readonly Target[]
  request: (target: Target, f: Fixture) => Request
  expect: Record<Role, string>
}

const unique = () => randomBytes(4).toString('hex')
const stale = 999
const allTargets = TARGETS
const teamTargets = ['own', 'otherTeam', 'otherOrg'] as const
const orgTargets = ['own', 'otherOrg'] as const
const none = ['none'] as const

/** rep:<id> of the target's owner; team:<id> for the other team and the other organisation. */
function scopeOf(target: Target, f: Fixture): string {
  if (target === 'own' || target === 'otherRep') return `rep:${f.owner[target].userId}`
  if (target === 'otherTeam' || target === 'otherOrg') return `team:${f.owner[target].teamId}`
  return 'org'
}
const t = (target: Target) => target as (typeof TARGETS)[number]

// --- the profiles most routes share (hand-computed from the rules above) ---

/** Figures of a scope (rep:own, rep:otherRep, team:otherTeam, team:otherOrg): auth/access.ts canViewScope. */
const viewScope: Record<Role, string> = {
  anonymous: '401 401 401 401',
  rep: '200 403 403 404',
  otherRep: '403 200 403 404',
  manager: '200 200 403 404',
  otherManager: '403 403 200 404',
  admin: '200 200 200 404',
  otherAdmin: '404 404 404 200',
}
/** One record by id (read: 200, stale write: 409) where the role sees it; invisible or foreign: 404. */
const ownedRecord = (ok: number): Record<Role, string> => ({
  anonymous: '401 401 401 401',
  rep: `${ok} 404 404 404`,
  otherRep: `404 ${ok} 404 404`,
  manager: `${ok} ${ok} 404 404`,
  otherManager: `404 404 ${ok} 404`,
  admin: `${ok} ${ok} ${ok} 404`,
  otherAdmin: `404 404 404 ${ok}`,
})
/** Any signed-in user; nobody else. */
const signedIn = (ok: number): Record<Role, string> => ({
  anonymous: '401',
  rep: `${ok}`,
  otherRep: `${ok}`,
  manager: `${ok}`,
  otherManager: `${ok}`,
  admin: `${ok}`,
  otherAdmin: `${ok}`,
})
/** Admins only (each in their own organisation). */
const adminsOnly = (ok: number): Record<Role, string> => ({
  anonymous: '401',
  rep: '403',
  otherRep: '403',
  manager: '403',
  otherManager: '403',
  admin: `${ok}`,
  otherAdmin: `${ok}`,
})
/** A region's configuration (own organisation's, another's): admins of its organisation reach the version check. */
const regionAdmin: Record<Role, string> = {
  anonymous: '401 401',
  rep: '403 403',
  otherRep: '403 403',
  manager: '403 403',
  otherManager: '403 403',
  admin: '409 404',
  otherAdmin: '404 409',
}
/** Admins and managers (who import for the teams they manage; rows for other teams are row errors). */
const adminsAndManagers = (ok: number): Record<Role, string> => ({
  ...adminsOnly(ok),
  manager: `${ok}`,
  otherManager: `${ok}`,
})
/** Admins only, on an entity of the first organisation (own) or of the other one (otherOrg). */
const adminsOnlyOrgEntity = (ok: number): Record<Role, string> => ({
  anonymous: '401 401',
  rep: '403 403',
  otherRep: '403 403',
  manager: '403 403',
  otherManager: '403 403',
  admin: `${ok} 404`,
  otherAdmin: `404 ${ok}`,
})

/** An invitation for team 1 (own), team 2 (otherTeam) or the other organisation: admins and its team's manager. */
const invitationOfTeam = (ok: number): Record<Role, string> => ({
  anonymous: '401 401 401',
  rep: '403 403 403',
  otherRep: '403 403 403',
  manager: `${ok} 404 404`,
  otherManager: `404 ${ok} 404`,
  admin: `${ok} ${ok} 404`,
  otherAdmin: `404 404 ${ok}`,
})

function recordRoutes(entity: 'leads' | 'deals' | 'activities' | 'customers'): Record<string, Row> {
  const create = (target: Target, f: Fixture): Record<string, unknown> => {
    const owner = f.owner[t(target)].userId
    const at = '2026-01-05T10:00:00Z'
    if (entity === 'leads') return { name: `L ${unique()}`, channel: 'web', ownerId: owner, createdAt: at }
    if (entity === 'activities') return { type: 'CALL', userId: owner, occurredAt: at }
    if (entity === 'customers') return { name: `C ${unique()}`, segment: 'SMB', ownerId: owner }
    const deal = { type: 'NEW_BUSINESS', stage: 'Lead', probability: 10, status: 'OPEN', amount: '10.00' }
    return { name: `D ${unique()}`, ownerId: owner, createdAt: at, ...deal }
  }
  const base = `/api/${entity}`
  return {
    [`GET ${base}/`]: {
      // A filter on someone else's rows is no error: the list only ever holds what the role may see.
      targets: allTargets,
      request: (target, f) => ({
        url: `${base}/?ownerId=${f.owner[t(target)].userId}`,
      }),
      expect: {
        anonymous: '401 401 401 401',
        rep: '200 200 200 200',
        otherRep: '200 200 200 200',
        manager: '200 200 200 200',
        otherManager: '200 200 200 200',
        admin: '200 200 200 200',
        otherAdmin: '200 200 200 200',
      },
    },
    [`POST ${base}/`]: {
      // Reps write their own rows, managers their teams', admins anyone's in their organisation. An owner in
      // another organisation is a field error (400 naming it), exactly like an owner that does not exist.
      targets: allTargets,
      request: (target, f) => ({ url: `${base}/`, body: create(target, f) }),
      expect: {
        anonymous: '401 401 401 401',
        rep: '201 403 403 400',
        otherRep: '403 201 403 400',
        manager: '201 201 403 400',
        otherManager: '403 403 201 400',
        admin: '201 201 201 400',
        otherAdmin: '400 400 400 201',
      },
    },
    [`GET ${base}/{id}`]: {
      targets: allTargets,
      request: (target, f) => ({ url: `${base}/${f.records[entity]![t(target)]}` }),
      expect: ownedRecord(200),
    },
    [`PATCH ${base}/{id}`]: {
      targets: allTargets,
      request: (target, f) => ({ url: `${base}/${f.records[entity]![t(target)]}`, body: { version: stale } }),
      expect: ownedRecord(409),
    },
    [`DELETE ${base}/{id}`]: {
      targets: allTargets,
      request: (target, f) => ({ url: `${base}/${f.records[entity]![t(target)]}?version=${stale}` }),
      expect: ownedRecord(409),
    },
  }
}

/** Team-level records: costs (admins only) and surveys (admins and managers of the team). */
function teamRecordRoutes(entity: 'costs' | 'surveys'): Record<string, Row> {
  const base = `/api/${entity}`
  const create = (target: Target, f: Fixture) =>
    entity === 'costs'
      ? { category: 'MARKETING', month: '2026-01-01', teamId: f.owner[t(target)].teamId, amount: '5.00' }
      : { kind: 'ENPS', score: 8, respondedAt: '2026-01-05T10:00:00Z', teamId: f.owner[t(target)].teamId }
  const byId: Record<Role, (ok: number) => string> =
    entity === 'costs'
      ? {
          anonymous: () => '401 401 401',
          rep: () => '403 403 403',
          otherRep: () => '403 403 403',
          manager: () => '403 403 403',
          otherManager: () => '403 403 403',
          admin: (ok) => `${ok} ${ok} 404`,
          otherAdmin: (ok) => `404 404 ${ok}`,
        }
      : {
          anonymous: () => '401 401 401',
          rep: () => '403 403 403',
          otherRep: () => '403 403 403',
          manager: (ok) => `${ok} 404 404`,
          otherManager: (ok) => `404 ${ok} 404`,
          admin: (ok) => `${ok} ${ok} 404`,
          otherAdmin: (ok) => `404 404 ${ok}`,
        }
  const expectFor = (ok: number) =>
    Object.fromEntries(ROLES.map((role) => [role, byId[role](ok)])) as Record<Role, string>
  // Creating: for an admin, a team of another organisation is a field error (400 naming teamId), like a team
  // that does not exist; a manager is refused (403) any team they do not manage, existing or not.
  const createExpect: Record<Role, string> =
    entity === 'costs'
      ? { ...expectFor(201), admin: '201 201 400', otherAdmin: '400 400 201' }
      : {
          ...expectFor(201),
          manager: '201 403 403',
          otherManager: '403 201 403',
          admin: '201 201 400',
          otherAdmin: '400 400 201',
        }
  const listExpect = Object.fromEntries(
    ROLES.map((role) => [role, byId[role](200).replaceAll('404', '200')]),
  ) as Record<Role, string>
  return {
    [`GET ${base}/`]: {
      targets: teamTargets,
      request: (target, f) => ({ url: `${base}/?teamId=${f.owner[t(target)].teamId}` }),
      expect: listExpect,
    },
    [`POST ${base}/`]: {
      targets: teamTargets,
      request: (target, f) => ({ url: `${base}/`, body: create(target, f) }),
      expect: createExpect,
    },
    [`GET ${base}/{id}`]: {
      targets: teamTargets,
      request: (target, f) => ({ url: `${base}/${f.records[entity]![t(target)]}` }),
      expect: expectFor(200),
    },
    [`PATCH ${base}/{id}`]: {
      targets: teamTargets,
      request: (target, f) => ({ url: `${base}/${f.records[entity]![t(target)]}`, body: { version: stale } }),
      expect: expectFor(409),
    },
    [`DELETE ${base}/{id}`]: {
      targets: teamTargets,
      request: (target, f) => ({ url: `${base}/${f.records[entity]![t(target)]}?version=${stale}` }),
      expect: expectFor(409),
    },
  }
}

const figureQuery = (target: Target, f: Fixture) => `scope=${scopeOf(target, f)}&period=month&date=2026-01-15`

const matrix: Record<string, Row> = {
  'GET /api/health': {
    targets: none,
    request: () => ({ url: '/api/health' }),
    expect: { ...signedIn(200), anonymous: '200' },
  },
  'POST /api/auth/login': {
    // Public: anyone may sign in (here: as the first rep, with the right password).
    targets: none,
    request: (_, f) => ({
      url: '/api/auth/login',
      body: { email: f.tenant.teams[0].reps[0].email, password: f.tenant.password },
    }),
    expect: { ...signedIn(200), anonymous: '200' },
  },
  'POST /api/auth/logout': {
    // Without a session there is nothing to end: still 204, so logging out twice is harmless.
    targets: none,
    request: () => ({ url: '/api/auth/logout' }),
    expect: { ...signedIn(204), anonymous: '204' },
  },
  'GET /api/auth/methods': {
    targets: none,
    request: () => ({ url: '/api/auth/methods' }),
    expect: { ...signedIn(200), anonymous: '200' },
  },
  // Single sign-on is public and the same for everyone: here its provider is down, so both send the browser to
  // the login page (302); routes/auth/oidc.test.ts runs the flow against a real provider.
  'GET /api/auth/oidc/start': {
    targets: none,
    request: () => ({ url: '/api/auth/oidc/start?returnTo=/admin' }),
    expect: { ...signedIn(302), anonymous: '302' },
  },
  'GET /api/auth/oidc/callback': {
    targets: none,
    request: () => ({ url: '/api/auth/oidc/callback?code=c&state=s' }),
    expect: { ...signedIn(302), anonymous: '302' },
  },
  'GET /api/me': { targets: none, request: () => ({ url: '/api/me' }), expect: signedIn(200) },
  'GET /api/setup': {
    // Public: the web app asks before it knows whether to show the setup page or the login form.
    targets: none,
    request: () => ({ url: '/api/setup' }),
    expect: { ...signedIn(200), anonymous: '200' },
  },
  'POST /api/setup': {
    // Public, but only on an empty database: here organisations exist, so everyone gets 409 and nothing changes.
    targets: none,
    request: () => ({
      url: '/api/setup',
      body: {
        organization: { name: `Org ${unique()}`, timeZone: 'UTC', currency: 'EUR', fiscalYearStartMonth: 1 },
        admin: { name: 'A', email: `a-${unique()}@example.test`, password: 'long enough' },
      },
    }),
    expect: { ...signedIn(409), anonymous: '409' },
  },
  'POST /api/me/totp': { targets: none, request: () => ({ url: '/api/me/totp' }), expect: signedIn(200) },
  'POST /api/me/totp/confirm': {
    // Not six digits: refused before any enrolment is looked at, whatever the order the rows run in.
    targets: none,
    request: () => ({ url: '/api/me/totp/confirm', body: { code: 'not-a-code' } }),
    expect: signedIn(400),
  },
  'DELETE /api/me/totp': {
    // Nobody in the matrix has two-factor codes on: nothing to turn off.
    targets: none,
    request: () => ({ url: '/api/me/totp', body: { code: '123456' } }),
    expect: signedIn(409),
  },
  'DELETE /api/users/{id}/totp': {
    // Nobody has codes on, so an allowed admin stops at 409 and no session of the matrix ends.
    targets: allTargets,
    request: (target, f) => ({ url: `/api/users/${f.owner[t(target)].userId}/totp` }),
    expect: {
      anonymous: '401 401 401 401',
      rep: '403 403 403 403',
      otherRep: '403 403 403 403',
      manager: '403 403 403 403',
      otherManager: '403 403 403 403',
      admin: '409 409 409 404',
      otherAdmin: '404 404 404 409',
    },
  },
  'PATCH /api/me': {
    targets: none,
    request: () => ({ url: '/api/me', body: { locale: 'en', gaugeStyle: null } }),
    expect: signedIn(200),
  },
  'POST /api/auth/password-reset': {
    // Public, and the same answer for every email: nobody learns which addresses have accounts.
    targets: none,
    request: () => ({ url: '/api/auth/password-reset', body: { email: `nobody-${unique()}@example.test` } }),
    expect: { ...signedIn(202), anonymous: '202' },
  },
  'POST /api/auth/password-reset/confirm': {
    // Public; a made-up token is refused whoever sends it.
    targets: none,
    request: () => ({ url: '/api/auth/password-reset/confirm', body: { token: 'made-up', password: 'long enough' } }),
    expect: { ...signedIn(400), anonymous: '400' },
  },
  'POST /api/users/{id}/password-reset': {
    // Mail is off here: an allowed admin gets the link to copy (200).
    targets: allTargets,
    request: (target, f) => ({ url: `/api/users/${f.owner[t(target)].userId}/password-reset` }),
    expect: {
      anonymous: '401 401 401 401',
      rep: '403 403 403 403',
      otherRep: '403 403 403 403',
      manager: '403 403 403 403',
      otherManager: '403 403 403 403',
      admin: '200 200 200 404',
      otherAdmin: '404 404 404 200',
    },
  },
  'GET /api/users': { targets: none, request: () => ({ url: '/api/users' }), expect: signedIn(200) },
  'POST /api/users': {
    targets: none,
    request: () => ({
      url: '/api/users',
      body: { email: `u-${unique()}@example.test`, name: 'U', role: 'rep', password: 'long enough' },
    }),
    expect: adminsOnly(201),
  },
  'PATCH /api/users/{id}': {
    targets: allTargets,
    request: (target, f) => ({ url: `/api/users/${f.owner[t(target)].userId}`, body: { version: stale } }),
    expect: {
      anonymous: '401 401 401 401',
      // The admin-role guard answers before any lookup, so it says nothing about the other organisation.
      rep: '403 403 403 403',
      otherRep: '403 403 403 403',
      manager: '403 403 403 403',
      otherManager: '403 403 403 403',
      admin: '409 409 409 404',
      otherAdmin: '404 404 404 409',
    },
  },
  'GET /api/invitations': {
    targets: none,
    request: () => ({ url: '/api/invitations' }),
    expect: adminsAndManagers(200),
  },
  'POST /api/invitations': {
    // Managers invite reps to the teams they manage only; another organisation's team is a field error.
    targets: teamTargets,
    request: (target, f) => ({
      url: '/api/invitations',
      body: { email: `i-${unique()}@example.test`, name: 'I', role: 'rep', teamId: f.owner[t(target)].teamId },
    }),
    expect: {
      anonymous: '401 401 401',
      rep: '403 403 403',
      otherRep: '403 403 403',
      manager: '201 403 403',
      otherManager: '403 201 403',
      admin: '201 201 400',
      otherAdmin: '400 400 201',
    },
  },
  'POST /api/invitations/{id}/resend': {
    targets: teamTargets,
    request: (target, f) => ({ url: `/api/invitations/${f.invitations.resend[target as TeamTarget]}/resend` }),
    expect: invitationOfTeam(200),
  },
  'DELETE /api/invitations/{id}': {
    // Revoking twice answers 200 again, so the rows do not depend on their order.
    targets: teamTargets,
    request: (target, f) => ({ url: `/api/invitations/${f.invitations.revoke[target as TeamTarget]}` }),
    expect: invitationOfTeam(200),
  },
  'POST /api/invitations/preview': {
    // Public: the link's token is the credential.
    targets: none,
    request: (_, f) => ({ url: '/api/invitations/preview', body: { token: f.invitations.token } }),
    expect: { ...signedIn(200), anonymous: '200' },
  },
  'POST /api/invitations/accept': {
    // Public; an unknown token is a field error for everyone (accepting for real: invitations.*.test.ts).
    targets: none,
    request: () => ({ url: '/api/invitations/accept', body: { token: 'x'.repeat(43), password: 'long enough' } }),
    expect: { ...signedIn(400), anonymous: '400' },
  },
  'GET /api/teams': { targets: none, request: () => ({ url: '/api/teams' }), expect: signedIn(200) },
  'POST /api/teams': {
    targets: none,
    request: () => ({ url: '/api/teams', body: { name: `T ${unique()}` } }),
    expect: adminsOnly(201),
  },
  'PATCH /api/teams/{id}': {
    targets: teamTargets,
    request: (target, f) => ({ url: `/api/teams/${f.owner[t(target)].teamId}`, body: { version: stale } }),
    expect: {
      anonymous: '401 401 401',
      rep: '403 403 403',
      otherRep: '403 403 403',
      manager: '403 403 403',
      otherManager: '403 403 403',
      admin: '409 409 404',
      otherAdmin: '404 404 409',
    },
  },
  'GET /api/products': { targets: none, request: () => ({ url: '/api/products' }), expect: signedIn(200) },
  'POST /api/products': {
    targets: none,
    request: () => ({ url: '/api/products', body: { name: `P ${unique()}`, category: 'X' } }),
    expect: adminsOnly(201),
  },
  'GET /api/products/{id}': {
    // Everyone signed in reads their organisation's catalogue; another organisation's product is not there.
    targets: orgTargets,
    request: (target, f) => ({ url: `/api/products/${f.productIds[target as 'own']}` }),
    expect: {
      ...signedIn(200),
      ...Object.fromEntries(ROLES.map((role) => [role, '200 404'])),
      anonymous: '401 401',
      otherAdmin: '404 200',
    },
  },
  'PATCH /api/products/{id}': {
    targets: orgTargets,
    request: (target, f) => ({ url: `/api/products/${f.productIds[target as 'own']}`, body: { version: stale } }),
    expect: adminsOnlyOrgEntity(409),
  },
  'DELETE /api/products/{id}': {
    targets: orgTargets,
    request: (target, f) => ({ url: `/api/products/${f.productIds[target as 'own']}?version=${stale}` }),
    expect: adminsOnlyOrgEntity(409),
  },
  ...recordRoutes('leads'),
  ...recordRoutes('deals'),
  ...recordRoutes('customers'),
  ...recordRoutes('activities'),
  ...teamRecordRoutes('costs'),
  ...teamRecordRoutes('surveys'),
  'GET /api/import/{entity}/fields': {
    targets: none,
    request: () => ({ url: '/api/import/deals/fields' }),
    expect: adminsAndManagers(200),
  },
  'POST /api/import/{entity}': {
    // A dry run of one row for the first rep: validated and reported (for otherManager as a row error: not a
    // team they manage; for otherAdmin: an unknown user), nothing written.
    targets: none,
    request: (_, f) => ({
      url: '/api/import/activities?dryRun=true',
      contentType: 'text/csv',
      body: `type,userEmail,occurredAt\r\nCALL,${f.tenant.teams[0].reps[0].email},2026-01-05T10:00:00Z\r\n`,
    }),
    expect: adminsAndManagers(200),
  },
  'GET /api/import/{entity}/mappings': {
    targets: none,
    request: () => ({ url: '/api/import/deals/mappings' }),
    expect: adminsAndManagers(200),
  },
  'PUT /api/import/{entity}/mappings/{source}': {
    // Saving the same mapping again answers 200 again: the rows do not depend on their order.
    targets: none,
    request: () => ({
      url: '/api/import/deals/mappings/Matrix%20CRM',
      body: { mapping: { columns: { Owner: 'ownerEmail' }, constants: { type: 'NEW_BUSINESS' } } },
    }),
    expect: adminsAndManagers(200),
  },
  'DELETE /api/import/{entity}/mappings/{source}': {
    // A source nobody saved: the roles that may get this far learn only that it is not there.
    targets: none,
    request: () => ({ url: '/api/import/deals/mappings/Never%20saved' }),
    expect: adminsAndManagers(404),
  },
  'GET /api/export/{entity}.csv': {
    // The export holds what the role may see, like the list.
    targets: none,
    request: () => ({ url: '/api/export/deals.csv' }),
    expect: signedIn(200),
  },
  'GET /api/export/kpis/{key}/breakdown.csv': {
    targets: allTargets,
    request: (target, f) => ({ url: `/api/export/kpis/revenue.won/breakdown.csv?${figureQuery(target, f)}` }),
    expect: viewScope,
  },
  'GET /api/export/kpis/{key}/records.csv': {
    targets: allTargets,
    request: (target, f) => ({ url: `/api/export/kpis/revenue.won/records.csv?${figureQuery(target, f)}` }),
    expect: viewScope,
  },
  'GET /api/thresholds': { targets: none, request: () => ({ url: '/api/thresholds' }), expect: signedIn(200) },
  'PUT /api/thresholds/{kpiKey}': {
    targets: none,
    request: () => ({
      url: '/api/thresholds/activity.calls',
      body: { mode: 'relative', greenFrom: 100, orangeFrom: 80, actionsNl: { red: ['Bel terug'] }, version: stale },
    }),
    expect: adminsOnly(409),
  },
  'PUT /api/thresholds/{kpiKey}/teams/{teamId}': {
    targets: teamTargets,
    request: (target, f) => ({
      url: `/api/thresholds/activity.calls/teams/${f.owner[t(target)].teamId}`,
      body: { mode: 'relative', greenFrom: 100, orangeFrom: 80, version: stale },
    }),
    expect: {
      anonymous: '401 401 401',
      rep: '403 403 403',
      otherRep: '403 403 403',
      manager: '403 403 403',
      otherManager: '403 403 403',
      admin: '409 409 404',
      otherAdmin: '404 404 409',
    },
  },
  'DELETE /api/thresholds/{kpiKey}/teams/{teamId}': {
    targets: teamTargets,
    request: (target, f) => ({
      url: `/api/thresholds/activity.calls/teams/${f.owner[t(target)].teamId}?version=${stale}`,
    }),
    expect: {
      anonymous: '401 401 401',
      rep: '403 403 403',
      otherRep: '403 403 403',
      manager: '403 403 403',
      otherManager: '403 403 403',
      admin: '409 409 404',
      otherAdmin: '404 404 409',
    },
  },
  'GET /api/regions': { targets: none, request: () => ({ url: '/api/regions' }), expect: signedIn(200) },
  'POST /api/regions': {
    targets: none,
    request: () => ({ url: '/api/regions', body: { name: `R ${unique()}` } }),
    expect: adminsOnly(201),
  },
  'PATCH /api/regions/{id}': {
    targets: orgTargets,
    request: (target, f) => ({ url: `/api/regions/${f.regionIds[target as 'own']}`, body: { version: stale } }),
    expect: regionAdmin,
  },
  'DELETE /api/regions/{id}': {
    targets: orgTargets,
    request: (target, f) => ({ url: `/api/regions/${f.regionIds[target as 'own']}?version=${stale}` }),
    expect: regionAdmin,
  },
  'PUT /api/thresholds/{kpiKey}/regions/{regionId}': {
    targets: orgTargets,
    request: (target, f) => ({
      url: `/api/thresholds/activity.calls/regions/${f.regionIds[target as 'own']}`,
      body: { mode: 'relative', greenFrom: 100, orangeFrom: 80, version: stale },
    }),
    expect: regionAdmin,
  },
  'DELETE /api/thresholds/{kpiKey}/regions/{regionId}': {
    targets: orgTargets,
    request: (target, f) => ({
      url: `/api/thresholds/activity.calls/regions/${f.regionIds[target as 'own']}?version=${stale}`,
    }),
    expect: regionAdmin,
  },
  'GET /api/layout': { targets: none, request: () => ({ url: '/api/layout' }), expect: signedIn(200) },
  'PUT /api/layout': {
    targets: none,
    request: () => ({
      url: '/api/layout',
      body: {
        areas: [{ key: 'sales', name: { en: 'Sales', nl: 'Verkoop' }, kpiKeys: ['revenue.won'] }],
        version: stale,
      },
    }),
    expect: adminsOnly(409),
  },
  'GET /api/settings': { targets: none, request: () => ({ url: '/api/settings' }), expect: signedIn(200) },
  'PATCH /api/settings': {
    targets: none,
    request: () => ({ url: '/api/settings', body: { fiscalYearStartMonth: 1, version: stale } }),
    expect: adminsOnly(409),
  },
  'GET /api/settings/time-zone-preview': {
    targets: none,
    request: () => ({ url: '/api/settings/time-zone-preview?timeZone=UTC' }),
    expect: adminsOnly(200),
  },
  'GET /api/settings/holidays': {
    targets: none,
    request: () => ({ url: '/api/settings/holidays' }),
    expect: signedIn(200),
  },
  'PUT /api/settings/holidays': {
    targets: none,
    request: () => ({ url: '/api/settings/holidays', body: { holidays: [], version: stale } }),
    expect: adminsOnly(409),
  },
  'GET /api/targets': {
    targets: allTargets,
    request: (target, f) => ({ url: `/api/targets?scope=${scopeOf(target, f)}` }),
    expect: viewScope,
  },
  'PUT /api/targets': {
    // canEditTargetsFor: reps never; managers their teams and their reps; admins their organisation.
    targets: allTargets,
    request: (target, f) => ({
      url: '/api/targets',
      body: {
        targets: [
          {
            kpiKey: 'activity.calls',
            scope: scopeOf(target, f),
            periodType: 'month',
            periodStart: '2026-01-01',
            value: 10,
            version: stale,
          },
        ],
      },
    }),
    expect: {
      anonymous: '401 401 401 401',
      rep: '403 403 403 403',
      otherRep: '403 403 403 403',
      manager: '409 409 403 404',
      otherManager: '403 403 409 404',
      admin: '409 409 409 404',
      otherAdmin: '404 404 404 409',
    },
  },
  'POST /api/targets/copy-forward': {
    targets: allTargets,
    request: (target, f) => ({
      url: '/api/targets/copy-forward',
      body: { scopes: [scopeOf(target, f)], periodType: 'month', periodStart: '2025-06-01', count: 1 },
    }),
    expect: {
      anonymous: '401 401 401 401',
      rep: '403 403 403 403',
      otherRep: '403 403 403 403',
      manager: '200 200 403 404',
      otherManager: '403 403 200 404',
      admin: '200 200 200 404',
      otherAdmin: '404 404 404 200',
    },
  },
  'DELETE /api/targets/{id}': {
    targets: allTargets,
    request: (target, f) => ({ url: `/api/targets/${f.targetIds[t(target)]}?version=${stale}` }),
    expect: {
      anonymous: '401 401 401 401',
      rep: '403 403 403 403',
      otherRep: '403 403 403 403',
      manager: '409 409 403 404',
      otherManager: '403 403 409 404',
      admin: '409 409 409 404',
      otherAdmin: '404 404 404 409',
    },
  },
  'GET /api/dashboard': {
    targets: allTargets,
    request: (target, f) => ({ url: `/api/dashboard?${figureQuery(target, f)}` }),
    expect: viewScope,
  },
  'GET /api/kpis': { targets: none, request: () => ({ url: '/api/kpis' }), expect: signedIn(200) },
  'GET /api/kpis/{key}': {
    targets: allTargets,
    request: (target, f) => ({ url: `/api/kpis/revenue.won?${figureQuery(target, f)}` }),
    expect: viewScope,
  },
  'GET /api/notifications': { targets: none, request: () => ({ url: '/api/notifications' }), expect: signedIn(200) },
  'POST /api/notifications/{id}/read': {
    // Notifications are personal: an id that is not the caller's own reads as not found.
    targets: none,
    request: () => ({ url: '/api/notifications/999999999/read' }),
    expect: signedIn(404),
  },
  'POST /api/notifications/read-all': {
    targets: none,
    request: () => ({ url: '/api/notifications/read-all' }),
    expect: signedIn(200),
  },
  'GET /api/mail/messages': { targets: none, request: () => ({ url: '/api/mail/messages' }), expect: adminsOnly(200) },
  'GET /api/webhooks': { targets: none, request: () => ({ url: '/api/webhooks' }), expect: adminsOnly(200) },
  'POST /api/webhooks': {
    // A webhook's scope must name a rep, team or region of the admin's own organisation (else 400 body.scope).
    targets: allTargets,
    request: (target, f) => ({
      url: '/api/webhooks',
      body: {
        url: `https://hooks.example.test/${unique()}`,
        active: false,
        format: 'slack',
        locale: 'nl',
        scope: scopeOf(target, f),
        digest: { frequency: 'weekly', weekday: 1, hour: 8 },
      },
    }),
    expect: {
      anonymous: '401 401 401 401',
      rep: '403 403 403 403',
      otherRep: '403 403 403 403',
      manager: '403 403 403 403',
      otherManager: '403 403 403 403',
      admin: '201 201 201 400',
      otherAdmin: '400 400 400 201',
    },
  },
  'PATCH /api/webhooks/{id}': {
    targets: orgTargets,
    request: (target, f) => ({ url: `/api/webhooks/${f.webhookIds[target as 'own']}`, body: { version: stale } }),
    expect: adminsOnlyOrgEntity(409),
  },
  'DELETE /api/webhooks/{id}': {
    targets: orgTargets,
    request: (target, f) => ({ url: `/api/webhooks/${f.webhookIds[target as 'own']}?version=${stale}` }),
    expect: adminsOnlyOrgEntity(409),
  },
  'GET /api/webhooks/{id}/deliveries': {
    targets: orgTargets,
    request: (target, f) => ({ url: `/api/webhooks/${f.webhookIds[target as 'own']}/deliveries` }),
    expect: adminsOnlyOrgEntity(200),
  },
  'POST /api/webhooks/{id}/test': {
    targets: orgTargets,
    request: (target, f) => ({ url: `/api/webhooks/${f.webhookIds[target as 'own']}/test` }),
    expect: adminsOnlyOrgEntity(200),
  },
}

// --- running it ---

let database: TestDatabase
let app: App
let fixture: Fixture
const sessions = new Map<Role, Session>()
const downProvider = { clientId: 'kpi', clientSecret: 'secret', name: 'SSO', autoCreate: 'off' as const }
let operations: string[]

/** The role's cookie + CSRF headers; anonymous callers carry a valid CSRF pair but no session. */
function headersOf(role: Role): Record<string, string> {
  const session = role === 'anonymous' ? undefined : sessions.get(role)
  return session ? { ...session.headers } : { cookie: 'kpi_csrf=t', 'x-csrf-token': 't' }
}

async function as(role: Role, method: InjectOptions['method'], url: string, body?: unknown) {
  const headers: Record<string, string> = headersOf(role)
  if (body !== undefined) headers['content-type'] = 'application/json'
  return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })
}

/** Creates a row through the API as `role` (an admin) and returns its id. */
async function created(role: Role, url: string, body: unknown): Promise<number> {
  const response = await as(role, 'POST', url, body)
  if (response.statusCode !== 201) throw new Error(`fixture ${url}: ${response.statusCode} ${response.body}`)
  return (response.json() as { id: number }).id
}

beforeAll(async () => {
  database = await createTestDatabase()
  const oidc = { ...downProvider, issuer: `http://127.0.0.1:${await freePort()}` }
  app = await buildApp({ config: testConfig({ oidc }), store: database })
  const tenant = await seedTenant(database.pool)
  const logins: Record<Exclude<Role, 'anonymous'>, string> = {
    rep: tenant.teams[0].reps[0].email,
    otherRep: tenant.teams[0].reps[1].email,
    manager: tenant.teams[0].manager.email,
    otherManager: tenant.teams[1].manager.email,
    admin: tenant.admin.email,
    otherAdmin: tenant.other.admin.email,
  }
  for (const [role, email] of Object.entries(logins)) sessions.set(role as Role, await loginAs(app, email))

  const owner: Fixture['owner'] = {
    own: {
      userId: tenant.teams[0].reps[0].id,
      teamId: tenant.teams[0].id,
      customerId: tenant.teams[0].reps[0].customerId,
    },
    otherRep: {
      userId: tenant.teams[0].reps[1].id,
      teamId: tenant.teams[0].id,
      customerId: tenant.teams[0].reps[1].customerId,
    },
    otherTeam: {
      userId: tenant.teams[1].reps[0].id,
      teamId: tenant.teams[1].id,
      customerId: tenant.teams[1].reps[0].customerId,
    },
    otherOrg: { userId: tenant.other.rep.id, teamId: tenant.other.teamId, customerId: tenant.other.rep.customerId },
  }
  const adminOf = (target: (typeof TARGETS)[number]): Role => (target === 'otherOrg' ? 'otherAdmin' : 'admin')
  const records: Fixture['records'] = {}
  const at = '2026-01-05T10:00:00Z'
  for (const entity of ['leads', 'deals', 'activities', 'customers', 'costs', 'surveys']) {
    records[entity] = {} as Record<(typeof TARGETS)[number], number>
    for (const target of TARGETS) {
      const { userId, teamId, customerId } = owner[target]
      const body: Record<string, Record<string, unknown>> = {
        leads: { name: 'Lead', channel: 'web', ownerId: userId, createdAt: at },
        deals: {
          name: 'Deal',
          ownerId: userId,
          type: 'NEW_BUSINESS',
          stage: 'Lead',
          probability: 10,
          status: 'OPEN',
          amount: '10.00',
          createdAt: at,
        },
        activities: { type: 'CALL', userId, occurredAt: at },
        costs: { category: 'SALES', month: '2026-01-01', teamId, amount: '1.00' },
        surveys: { kind: 'ENPS', score: 7, respondedAt: at, teamId },
      }
      records[entity]![target] =
        entity === 'customers' ? customerId : await created(adminOf(target), `/api/${entity}/`, body[entity])
    }
  }

  // One stored target per target scope (rep:own, rep:otherRep, team:otherTeam, team:otherOrg).
  const targetIds = {} as Fixture['targetIds']
  const partial: Fixture = {
    tenant,
    owner,
    records,
    targetIds,
    webhookIds: { own: 0, otherOrg: 0 },
    productIds: { own: 0, otherOrg: 0 },
    regionIds: { own: 0, otherOrg: 0 },
    invitations: {
      resend: { own: 0, otherTeam: 0, otherOrg: 0 },
      revoke: { own: 0, otherTeam: 0, otherOrg: 0 },
      token: '',
    },
  }
  for (const target of TARGETS) {
    const response = await as(adminOf(target), 'PUT', '/api/targets', {
      targets: [
        {
          kpiKey: 'activity.calls',
          scope: scopeOf(target, partial),
          periodType: 'month',
          periodStart: '2026-01-01',
          value: 5,
        },
      ],
    })
    if (response.statusCode !== 200) throw new Error(`fixture target: ${response.statusCode} ${response.body}`)
    targetIds[target] = (response.json() as { targets: { id: number }[] }).targets[0]!.id
  }
  // A stored team override per team, so a stale-version write or delete meets a row (409), not nothing (404).
  for (const target of teamTargets) {
    const response = await as(adminOf(target), 'PUT', `/api/thresholds/activity.calls/teams/${owner[target].teamId}`, {
      mode: 'relative',
      greenFrom: 100,
      orangeFrom: 80,
    })
    if (response.statusCode !== 200) throw new Error(`fixture threshold: ${response.statusCode} ${response.body}`)
  }
  partial.webhookIds = {
    own: await created('admin', '/api/webhooks', { url: 'https://hooks.example.test/own', active: false }),
    otherOrg: await created('otherAdmin', '/api/webhooks', { url: 'https://hooks.example.test/other', active: false }),
  }
  for (const target of orgTargets) {
    const body = { name: `Product ${unique()}`, category: 'X' }
    const response = await as(adminOf(target), 'POST', '/api/products', body)
    if (response.statusCode !== 201) throw new Error(`fixture product: ${response.statusCode} ${response.body}`)
    partial.productIds[target] = (response.json() as { product: { id: number } }).product.id
  }
  for (const target of orgTargets) {
    const managerId = target === 'own' ? tenant.teams[0].manager.id : null
    const body = { name: `Region ${unique()}`, managerId }
    const response = await as(adminOf(target), 'POST', '/api/regions', body)
    if (response.statusCode !== 201) throw new Error(`fixture region: ${response.statusCode} ${response.body}`)
    const id = (response.json() as { region: { id: number } }).region.id
    partial.regionIds[target] = id
    const override = { mode: 'relative', greenFrom: 100, orangeFrom: 80 }
    const stored = await as(adminOf(target), 'PUT', `/api/thresholds/activity.calls/regions/${id}`, override)
    if (stored.statusCode !== 200) throw new Error(`fixture region threshold: ${stored.statusCode} ${stored.body}`)
  }
  for (const target of teamTargets) {
    for (const kind of ['resend', 'revoke'] as const) {
      const body = { email: `${kind}-${unique()}@example.test`, name: 'I', role: 'rep', teamId: owner[target].teamId }
      const response = await as(adminOf(target), 'POST', '/api/invitations', body)
      if (response.statusCode !== 201) throw new Error(`fixture invitation: ${response.statusCode} ${response.body}`)
      partial.invitations[kind][target] = (response.json() as { invitation: { id: number } }).invitation.id
    }
  }
  const link = (
    await as('admin', 'POST', '/api/invitations', { email: `p-${unique()}@example.test`, name: 'P', role: 'rep' })
  ).json() as { link: string }
  partial.invitations.token = link.link.split('/invite/')[1]!
  fixture = partial
  operations = Object.entries(
    (await app.inject({ url: '/api/openapi.json' })).json().paths as Record<string, Record<string, unknown>>,
  ).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
})

afterAll(async () => {
  await app?.close()
  await database?.[Symbol.asyncDispose]()
})

type Case = { route: string; role: Role; target: Target; status: number }
const cases: Case[] = Object.entries(matrix).flatMap(([route, row]) =>
  ROLES.flatMap((role) => {
    const statuses = row.expect[role].split(' ').map(Number)
    if (statuses.length !== row.targets.length) throw new Error(`${route} ${role}: one status per target`)
    return row.targets.map((target, i) => ({ route, role, target, status: statuses[i]! }))
  }),
)

describe('access matrix', () => {
  test('every route the app registers has a row, and every row is a registered route', () => {
    expect(operations.filter((operation) => !(operation in matrix))).toEqual([])
    expect(Object.keys(matrix).filter((route) => !operations.includes(route))).toEqual([])
  })

  test.each(cases)('$route as $role on $target → $status', async ({ route, role, target, status }) => {
    const [method] = route.split(' ')
    const request = matrix[route]!.request(target, fixture)
    // Logging in or out replaces or ends the session it is sent with: those rows get a session of their own.
    const ownSession = sessionConsuming.has(route) && role !== 'anonymous' ? await freshSession(role) : undefined
    const response = ownSession
      ? await app.inject({
          method: 'POST',
          url: request.url,
          headers: { ...ownSession.headers, 'content-type': 'application/json' },
          payload: JSON.stringify(request.body ?? {}),
        })
      : request.contentType
        ? await app.inject({
            method: method as InjectOptions['method'],
            url: request.url,
            headers: { ...headersOf(role), 'content-type': request.contentType },
            payload: request.body as string,
          })
        : await as(role, method as InjectOptions['method'], request.url, request.body)
    expect(response.statusCode, response.body.slice(0, 300)).toBe(status)
    if (status === 401 || status === 403 || status === 404) {
      // A refusal carries the error shape (naming the field that points at the refused data) and nothing else.
      const keys = Object.keys(response.json() as object)
      expect(keys.filter((key) => !['error', 'message', 'field'].includes(key))).toEqual([])
    }
  })
})

const sessionConsuming = new Set(['POST /api/auth/login', 'POST /api/auth/logout'])

async function freshSession(role: Role): Promise<Session> {
  const email = sessions.get(role)!.user.email
  return loginAs(app, email)
}

// --- imports that name a stored record by its external id (issue 14, F1) ---
// Each case stores a fresh record for the target (so allowed imports change nothing the other cases read), then
// `role` imports a one-row file with that external id, a changed value ("Taken over") and an owner / team the
// role may assign. The import must update only records the role may change through the record routes; another
// team's record is a row error (422, nothing written); another organisation's external id is simply a new record
// of the importer's organisation (external ids are per organisation), and the foreign record stays untouched.

const IMPORTED = ['leads', 'deals', 'activities', 'customers', 'costs', 'surveys'] as const
type Imported = (typeof IMPORTED)[number]
const tables: Record<Imported, string> = {
  leads: 'leads',
  deals: 'deals',
  activities: 'activities',
  customers: 'customers',
  costs: 'costs',
  surveys: 'survey_responses',
}
/** Managers import pipeline records of their teams; admins everything in their organisation; reps nothing. */
const pipelineImport: Record<Role, string> = {
  anonymous: '401 401 401 401',
  rep: '403 403 403 403',
  otherRep: '403 403 403 403',
  manager: '200 200 422 200',
  otherManager: '422 422 200 200',
  admin: '200 200 200 200',
  otherAdmin: '200 200 200 200',
}
const adminImport: Record<Role, string> = {
  ...pipelineImport,
  manager: '403 403 403 403',
  otherManager: '403 403 403 403',
}

/** The user whose records `role` may write (and assigns the imported row to). */
function importOwner(role: Role, f: Fixture): { userId: number; email: string; teamId: number } {
  const { teams, other } = f.tenant
  if (role === 'otherAdmin') return { userId: other.rep.id, email: other.rep.email, teamId: other.teamId }
  if (role === 'otherManager') return { ...userOf(teams[1].reps[0]), teamId: teams[1].id }
  if (role === 'otherRep') return { ...userOf(teams[0].reps[1]), teamId: teams[0].id }
  return { ...userOf(teams[0].reps[0]), teamId: teams[0].id }
}
const userOf = (u: { id: number; email: string }) => ({ userId: u.id, email: u.email })

function importFile(entity: Imported, externalId: string, owner: { email: string }, teamName: string): string {
  const at = '2026-01-05T10:00:00Z'
  const rows: Record<Imported, [string, string]> = {
    leads: ['externalId,name,channel,ownerEmail,createdAt', `${externalId},Taken over,web,${owner.email},${at}`],
    deals: [
      'externalId,name,ownerEmail,type,stage,probability,status,amount,createdAt',
      `${externalId},Taken over,${owner.email},NEW_BUSINESS,Lead,10,OPEN,10.00,${at}`,
    ],
    activities: ['externalId,type,userEmail,occurredAt,notes', `${externalId},CALL,${owner.email},${at},Taken over`],
    customers: ['externalId,name,segment,ownerEmail', `${externalId},Taken over,SMB,${owner.email}`],
    costs: ['externalId,category,month,teamName,amount', `${externalId},SALES,2026-01-01,${teamName},999.00`],
    surveys: [
      'externalId,kind,score,respondedAt,teamName,comment',
      `${externalId},ENPS,7,${at},${teamName},Taken over`,
    ],
  }
  return rows[entity].join('\r\n') + '\r\n'
}

function storedBody(entity: Imported, externalId: string, owner: { userId: number; teamId: number }) {
  const at = '2026-01-05T10:00:00Z'
  const bodies: Record<Imported, Record<string, unknown>> = {
    leads: { name: 'Lead', channel: 'web', ownerId: owner.userId, createdAt: at },
    deals: {
      name: 'Deal',
      ownerId: owner.userId,
      type: 'NEW_BUSINESS',
      stage: 'Lead',
      probability: 10,
      status: 'OPEN',
      amount: '10.00',
      createdAt: at,
    },
    activities: { type: 'CALL', userId: owner.userId, occurredAt: at },
    customers: { name: 'Customer', segment: 'SMB', ownerId: owner.userId },
    costs: { category: 'SALES', month: '2026-01-01', teamId: owner.teamId, amount: '1.00' },
    surveys: { kind: 'ENPS', score: 7, respondedAt: at, teamId: owner.teamId },
  }
  return { ...bodies[entity], externalId }
}

type ImportCase = { entity: Imported; role: Role; target: (typeof TARGETS)[number]; status: number }
const importCases: ImportCase[] = IMPORTED.flatMap((entity) =>
  ROLES.flatMap((role) => {
    const expected = (
      entity === 'customers' || entity === 'costs' || entity === 'surveys' ? adminImport : pipelineImport
    )[role]
    return TARGETS.map((target, i) => ({ entity, role, target, status: Number(expected.split(' ')[i]) }))
  }),
)

describe('access matrix: importing a file that names a stored record (F1)', () => {
  test.each(importCases)(
    'POST /api/import/$entity as $role naming $target’s record → $status',
    async ({ entity, role, target, status }) => {
      const f = fixture
      const targetOwner = f.owner[target]
      const externalId = `X-${unique()}`
      const storedBy = target === 'otherOrg' ? 'otherAdmin' : 'admin'
      const id = await created(storedBy, `/api/${entity}/`, storedBody(entity, externalId, targetOwner))
      const table = tables[entity]
      const read = async () => (await database.pool.query(`SELECT * FROM ${table} WHERE id = $1`, [id])).rows[0]
      const before = await read()

      const owner = importOwner(role, f)
      const team = await database.pool.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [owner.teamId])
      const response = await app.inject({
        method: 'POST',
        url: `/api/import/${entity}?dryRun=false`,
        headers: { ...headersOf(role), 'content-type': 'text/csv' },
        payload: importFile(entity, externalId, owner, team.rows[0]!.name),
      })
      expect(response.statusCode, response.body.slice(0, 300)).toBe(status)
      if (status === 422) {
        expect(response.json().errors).toEqual([
          {
            row: 2,
            column: 'externalId',
            value: externalId,
            message: `"${externalId}" is the external id of a record you may not change`,
          },
        ])
      }
      const importerOrg = role === 'otherAdmin' ? f.tenant.other.organizationId : f.tenant.organizationId
      const sameOrg = importerOrg === before.organization_id
      const after = await read()
      if (status === 200 && sameOrg) expect(after.version).toBe(before.version + 1)
      else expect(after).toEqual(before)
      if (status === 200 && !sameOrg) {
        // Another organisation's external id names nothing here: a new record of the importer's organisation.
        const { rows } = await database.pool.query(
          `SELECT organization_id FROM ${table} WHERE external_id = $1 ORDER BY id`,
          [externalId],
        )
        expect(rows.map((r) => r.organization_id)).toEqual([before.organization_id, importerOrg])
      }
    },
  )
})

import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { createSession, deleteUserSessions, findSessionUser, hashToken } from './session.db.ts'

// Session expiry, checked on the database's own clock: idle 8 h sliding, absolute 30 days.

let database: TestDatabase
let tenant: Tenant

beforeAll(async () => {
  database = await createTestDatabase()
  tenant = await seedTenant(database.pool)
})

afterAll(async () => {
  await database?.[Symbol.asyncDispose]()
})

async function row(token: string) {
  const { rows } = await database.pool.query<{ idle: string; left: string; expires_at: Date; absolute: Date }>(
    `SELECT (expires_at - created_at)::text AS idle, (expires_at - now()) > INTERVAL '7 hours 59 minutes' AS LEFT,
            expires_at, created_at + INTERVAL '30 days' AS absolute
       FROM sessions WHERE id = $1`,
    [hashToken(token)],
  )
  return rows[0]
}

const start = () => ({ userId: tenant.teams[0].reps[0].id, userAgent: 'vitest', ip: '127.0.0.1' })

test('a new session expires 8 hours after it was created', async () => {
  const token = await createSession(database.pool, start())
  expect((await row(token))?.idle).toBe('08:00:00')
})

test('finds the user with role, team and managed teams', async () => {
  const manager = tenant.teams[1].manager
  const token = await createSession(database.pool, { ...start(), userId: manager.id })
  expect(await findSessionUser(database.pool, token)).toEqual({
    id: manager.id,
    organizationId: tenant.organizationId,
    role: 'manager',
    teamId: null,
    managedTeamIds: [tenant.teams[1].id],
    name: manager.name,
    email: manager.email,
    twoFactorSetupRequired: false,
  })
})

test('a use within the first minute does not write (the expiry stays as it was)', async () => {
  const token = await createSession(database.pool, start())
  const before = (await row(token))!.expires_at
  await findSessionUser(database.pool, token)
  expect((await row(token))!.expires_at).toEqual(before)
})

test('a use after 7 idle hours pushes the expiry to 8 hours from now', async () => {
  const token = await createSession(database.pool, start())
  await database.pool.query(`UPDATE sessions SET expires_at = now() + INTERVAL '1 hour' WHERE id = $1`, [
    hashToken(token),
  ])
  expect(await findSessionUser(database.pool, token)).not.toBeNull()
  expect((await row(token))!.left).toBe(true)
})

test('sliding never goes beyond 30 days after login', async () => {
  const token = await createSession(database.pool, start())
  // Logged in 30 days minus 1 hour ago, active all along: 10 minutes left of the idle window.
  await database.pool.query(
    `UPDATE sessions SET created_at = now() - INTERVAL '30 days' + INTERVAL '1 hour',
                         expires_at = now() + INTERVAL '10 minutes' WHERE id = $1`,
    [hashToken(token)],
  )
  expect(await findSessionUser(database.pool, token)).not.toBeNull()
  const after = (await row(token))!
  // min(now + 8 h, created_at + 30 d) = created_at + 30 d, i.e. 1 hour from now.
  expect(after.expires_at).toEqual(after.absolute)
})

test('expired sessions, deactivated users and deleted sessions find nobody', async () => {
  const expired = await createSession(database.pool, start())
  // A second ago, not now(): expires_at keeps milliseconds and PostgreSQL rounds, so now() stored can be a few
  // microseconds later than the now() of the lookup that follows (failed once in CI).
  await database.pool.query(`UPDATE sessions SET expires_at = now() - INTERVAL '1 second' WHERE id = $1`, [
    hashToken(expired),
  ])
  expect(await findSessionUser(database.pool, expired)).toBeNull()

  const rep = tenant.teams[0].reps[1]
  const inactive = await createSession(database.pool, { ...start(), userId: rep.id })
  await database.pool.query('UPDATE users SET active = FALSE WHERE id = $1', [rep.id])
  expect(await findSessionUser(database.pool, inactive)).toBeNull()

  const manager = tenant.teams[0].manager
  const deleted = await createSession(database.pool, { ...start(), userId: manager.id })
  await deleteUserSessions(database.pool, manager.id)
  expect(await findSessionUser(database.pool, deleted)).toBeNull()
})

test('a manager demoted to rep manages nothing, even while teams.manager_id still names them', async () => {
  const manager = tenant.teams[1].manager
  const token = await createSession(database.pool, { ...start(), userId: manager.id })
  await database.pool.query(`UPDATE users SET role = 'REP' WHERE id = $1`, [manager.id])
  expect(await findSessionUser(database.pool, token)).toMatchObject({ role: 'rep', managedTeamIds: [] })
  await database.pool.query(`UPDATE users SET role = 'MANAGER' WHERE id = $1`, [manager.id])
})

test('a login sweeps sessions that expired more than a day ago, whoever they belong to', async () => {
  const old = await createSession(database.pool, { ...start(), userId: tenant.teams[0].reps[0].id })
  await database.pool.query(`UPDATE sessions SET expires_at = now() - INTERVAL '2 days' WHERE id = $1`, [
    hashToken(old),
  ])
  await createSession(database.pool, { ...start(), userId: tenant.admin.id })
  const { rows } = await database.pool.query('SELECT 1 FROM sessions WHERE id = $1', [hashToken(old)])
  expect(rows).toHaveLength(0)
})

import { verifyPassword } from '@kpi/db/passwords'
import { createTestDatabase } from '@kpi/db/testing/test-database'
import { describe, expect, test } from 'vitest'
import { buildApp } from '../../app.ts'
import { csrfHeaders, loginAs, parseSetCookies } from '../../testing/login-as.ts'
import { testConfig } from '../../testing/test-app.ts'
import { setupBody } from './setup-test-kit.ts'

const post = (payload: unknown) => ({
  method: 'POST' as const,
  url: '/api/setup',
  headers: { ...csrfHeaders(), 'content-type': 'application/json' },
  payload: JSON.stringify(payload),
})

describe('first-run setup', () => {
  test('an empty database needs setup; POST creates the organisation and its admin and signs in', async () => {
    await using db = await createTestDatabase()
    await using app = await buildApp({ config: testConfig(), store: db })
    expect((await app.inject({ url: '/api/setup' })).json()).toEqual({ needed: true })

    const response = await app.inject(post(setupBody()))
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toEqual({
      user: {
        id: expect.any(Number),
        name: 'Ada Admin',
        email: 'ada@acme.test',
        role: 'admin',
        team: null,
        managedTeams: [],
        teams: [],
        regions: [],
      },
    })
    const cookies = parseSetCookies(response.headers['set-cookie'] as string[])
    const me = await app.inject({
      url: '/api/me',
      headers: { cookie: `kpi_session=${cookies['kpi_session']}; kpi_csrf=${cookies['kpi_csrf']}` },
    })
    expect(me.statusCode).toBe(200)
    expect(me.json().organization).toEqual({
      id: expect.any(Number),
      name: 'Acme Sales',
      currency: 'USD',
      timeZone: 'America/New_York',
      fiscalYearStartMonth: 4,
      leaderboardEnabled: false,
      gaugeStyle: 'gauge',
    })

    expect((await app.inject({ url: '/api/setup' })).json()).toEqual({ needed: false })
    const { rows } = await db.pool.query<{ password_hash: string }>('SELECT password_hash FROM users')
    expect(await verifyPassword('correct horse battery', rows[0]!.password_hash)).toBe(true)
    expect((await loginAs(app, 'ada@acme.test', 'correct horse battery')).user.role).toBe('admin')
  })

  test('two setups at the same moment: exactly one wins, the other is 409 and created nothing', async () => {
    await using db = await createTestDatabase()
    await using app = await buildApp({ config: testConfig(), store: db })
    // Both pass the "still needed?" check before either commits (each hashes a password first).
    const answers = await Promise.all([app.inject(post(setupBody('First'))), app.inject(post(setupBody('Second')))])
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409])
    const loser = answers.find((a) => a.statusCode === 409)!
    expect(loser.json()).toMatchObject({ error: 'conflict', message: expect.stringMatching(/already set up/) })
    expect(loser.headers['set-cookie']).toBeUndefined()
    const { rows } = await db.pool.query(
      'SELECT (SELECT count(*) FROM organizations)::int AS orgs, (SELECT count(*) FROM users)::int AS users',
    )
    expect(rows).toEqual([{ orgs: 1, users: 1 }])
  })

  test("the admin's e-mails are in the language the setup page was used in; English when it says none", async () => {
    await using db = await createTestDatabase()
    await using app = await buildApp({ config: testConfig(), store: db })
    const body = setupBody()
    const response = await app.inject(post({ ...body, admin: { ...body.admin, locale: 'nl' } }))
    expect(response.statusCode, response.body).toBe(201)
    const { rows } = await db.pool.query('SELECT email, locale FROM users')
    expect(rows).toEqual([{ email: 'ada@acme.test', locale: 'nl' }])

    await using plainDb = await createTestDatabase()
    await using plainApp = await buildApp({ config: testConfig(), store: plainDb })
    expect((await plainApp.inject(post(setupBody()))).statusCode).toBe(201)
    expect((await plainDb.pool.query('SELECT locale FROM users')).rows).toEqual([{ locale: 'en' }])
  })
})

import { describe, expect, test } from 'vitest'
import { useImportKit } from './import-test-kit.ts'
import { readDataset, SALES_TEAMS_IMPORTS } from '../../testing/datasets/maven-crm.ts'
import { loginAs } from '../../testing/login-as.ts'

// Users and teams from a file (issue 17, decision 0028) over real HTTP, the Maven CRM's sales_teams.csv first,
// as it is (sales_agent,manager,regional_office; testing/datasets/README.md).
const MAVEN = readDataset('sales_teams.csv')

const kit = useImportKit()

const sql = async <T>(text: string, params: unknown[] = []) => (await kit.db.pool.query(text, params)).rows as T[]

describe('the Maven sales teams file', () => {
  // Counted by hand in the file: 35 agents (rows), each under one of 6 managers, who are in no row of their own.
  const membersByManager = {
    'Cara Losch': 6, // East
    'Celia Rouche': 6, // West
    'Dustin Brinkmann': 5, // Central: Anna Snelling, Cecily Lampkin, Versie Hillebrand, Lajuana Vencill, Moses Frase
    'Melvin Marxen': 6, // Central
    'Rocco Neubert': 6, // East
    'Summer Sewald': 6, // West
  } // 6 + 6 + 5 + 6 + 6 + 6 = 35 agents; + 6 managers = 41 people; one team per manager, named after them
  // The same file three times, each mapping reading other columns (columns not named are left out):
  const firstRuns = [
    { what: 'the agents, each in the team named after their manager (created)', inserted: 35, created: { teams: 6 } },
    // 35 rows: 6 people, 29 repeats of them (read once, counted so the counts add up to the rows).
    { what: 'the managers: one column to two fields, a constant role', inserted: 6, repeated: 29 },
    { what: 'the teams get their managers (by name)', inserted: 0, updated: 6, repeated: 29 },
  ]
  const steps = SALES_TEAMS_IMPORTS.map(({ entity, mapping }, i) => {
    const { what, ...first } = firstRuns[i]!
    return { what, entity, mapping, first: { updated: 0, ...first } }
  })

  test('gives 41 people and 6 teams in three imports of the same file; a second run of each changes nothing', async () => {
    const dry = await kit.upload('users', MAVEN, { dryRun: true, mapping: steps[0]!.mapping })
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    expect(dry.body).toMatchObject({ rows: 35, valid: 35, errorCount: 0, created: { teams: 6 } })

    for (const { what, entity, mapping, first } of steps) {
      const run = await kit.upload(entity, MAVEN, { mapping })
      expect(run.status, `${what}: ${JSON.stringify(run.body)}`).toBe(200)
      expect(run.body, what).toMatchObject({ entity, rows: 35, ...first })
      const again = await kit.upload(entity, MAVEN, { mapping })
      expect(again.body, what).toMatchObject({ entity, rows: 35, inserted: 0, updated: 0 })
      expect(again.body['created'], what).toBeUndefined()
    }

    const org = kit.tenant.organizationId
    const seeded = 7 // admin, 2 managers, 4 reps
    const [people] = await sql<{ n: number; signIn: number; managers: number }>(
      `SELECT count(*)::int AS n, count(password_hash)::int AS "signIn",
              count(*) FILTER (WHERE role = 'MANAGER')::int AS managers
         FROM users WHERE organization_id = $1`,
      [org],
    )
    expect(people).toEqual({ n: seeded + 41, signIn: seeded, managers: 2 + 6 }) // nobody imported can sign in
    const teams = await sql<{ name: string; manager: string; role: string; members: number }>(
      `SELECT t.name, m.name AS manager, m.role::text AS role,
              (SELECT count(*)::int FROM users u WHERE u.team_id = t.id AND u.role = 'REP') AS members
         FROM teams t JOIN users m ON m.id = t.manager_id
        WHERE t.organization_id = $1 AND t.name NOT LIKE 'Team %' ORDER BY t.name`,
      [org],
    )
    expect(teams).toEqual(
      Object.entries(membersByManager).map(([name, members]) => ({ name, manager: name, role: 'MANAGER', members })),
    )
    // Two rows checked by hand: Anna Snelling works for Dustin Brinkmann; Dustin is in his own team, a manager.
    const [anna] = await sql(
      `SELECT u.email, u.role::text AS role, u.locale, u.active, t.name AS team
         FROM users u JOIN teams t ON t.id = u.team_id WHERE u.organization_id = $1 AND u.name = 'Anna Snelling'`,
      [org],
    )
    expect(anna).toEqual({ email: null, role: 'REP', locale: 'en', active: true, team: 'Dustin Brinkmann' })
    const [dustin] = await sql(
      `SELECT u.role::text AS role, t.name AS team FROM users u JOIN teams t ON t.id = u.team_id
        WHERE u.organization_id = $1 AND u.name = 'Dustin Brinkmann'`,
      [org],
    )
    expect(dustin).toEqual({ role: 'MANAGER', team: 'Dustin Brinkmann' })
  })
})

describe('importing users', () => {
  test('matches by external id, else e-mail, else name; a blank cell keeps what is stored', async () => {
    const first = 'externalId,name,email,role,locale\nU-1,Ada,ada@example.test,Manager,nl\n,Bo,,rep,\n'
    expect((await kit.upload('users', first)).body).toMatchObject({ inserted: 2, updated: 0 })
    // Ada renamed by her external id; Bo given an e-mail by his name; role and locale blank: kept.
    const second = 'externalId,name,email,role,locale\nU-1,Ada Lovelace,,,\n,Bo,BO@example.test,,\n'
    expect((await kit.upload('users', second)).body).toMatchObject({ inserted: 0, updated: 2 })
    const rows = await sql(
      `SELECT external_id, name, email, role::text AS role, locale FROM users
        WHERE organization_id = $1 AND name IN ('Ada Lovelace', 'Bo') ORDER BY name`,
      [kit.tenant.organizationId],
    )
    expect(rows).toEqual([
      { external_id: 'U-1', name: 'Ada Lovelace', email: 'ada@example.test', role: 'MANAGER', locale: 'nl' },
      { external_id: null, name: 'Bo', email: 'bo@example.test', role: 'REP', locale: 'en' },
    ])
  })

  test('an ambiguous name and a conflicting repeat are row errors; nothing is written', async () => {
    const rep = kit.tenant.teams[0].reps[0]
    await sql('INSERT INTO users (organization_id, name, role) VALUES ($1, $2, $3), ($1, $2, $3)', [
      kit.tenant.organizationId,
      'Sam',
      'REP',
    ])
    const csv = `name,role\nSam,manager\nKim,rep\nKim,manager\n${rep.name},rep\n`
    const result = await kit.upload('users', csv)
    expect(result.status).toBe(422)
    expect(result.body['errors']).toEqual([
      {
        row: 2, // the spreadsheet row: header 1
        column: 'name',
        value: 'Sam',
        message: '2 people are named "Sam": add an email or externalId column',
      },
      {
        row: 4,
        column: 'name',
        value: 'kim',
        message: '"kim" is also in row 3 with other values; say each person or team once, or the same way',
      },
    ])
    const [kim] = await sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE organization_id = $1 AND name = 'Kim'",
      [kit.tenant.organizationId],
    )
    expect(kim!.n).toBe(0)
  })

  test('managers may not import people or teams', async () => {
    const manager = await loginAs(kit.base, kit.tenant.teams[0].manager.email)
    expect((await kit.upload('users', 'name\nX\n', { as: manager })).status).toBe(403)
    expect((await kit.upload('teams', 'name\nX\n', { as: manager })).status).toBe(403)
  })
})

describe('importing teams', () => {
  test('a rep named as manager is refused; a manager by e-mail is set; the team is upserted on its name', async () => {
    const rep = kit.tenant.teams[0].reps[0]
    const manager = kit.tenant.teams[1].manager
    const csv = `name,manager,active\nNorth,${rep.email},yes\nSouth,${manager.email.toUpperCase()},no\n`
    const refused = await kit.upload('teams', csv)
    expect(refused.status).toBe(422)
    expect(refused.body['errors']).toEqual([
      {
        row: 2,
        column: 'manager',
        value: rep.email,
        message: `${rep.name} is a rep: make them a manager first (users import with role manager, or the users page)`,
      },
    ])
    const ok = await kit.upload('teams', `name,manager,active\nSouth,${manager.email.toUpperCase()},no\n`)
    expect(ok.body).toMatchObject({ inserted: 1, updated: 0 })
    const [south] = await sql('SELECT manager_id, active FROM teams WHERE organization_id = $1 AND name = $2', [
      kit.tenant.organizationId,
      'South',
    ])
    expect(south).toEqual({ manager_id: manager.id, active: false })
  })
})

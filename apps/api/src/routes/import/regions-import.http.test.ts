import { expect, test } from 'vitest'
import { useImportKit } from './import-test-kit.ts'

// The teams import's region column (issue 18, decision 0034), over real HTTP: regions by name whatever the case,
// one nobody has yet created and counted, a blank cell keeping the team's region.
const kit = useImportKit()

const sql = async <T>(text: string, params: unknown[] = []) => (await kit.db.pool.query(text, params)).rows as T[]

test('teams with a region column: "West" exists, "east" and "EAST" make one new region, a blank cell keeps it', async () => {
  const org = kit.tenant.organizationId
  await sql(`INSERT INTO regions (organization_id, name) VALUES ($1, 'West')`, [org])
  // Rows: Alpha → West (stored, written "west"); Bravo and Charlie → East (new, two spellings); Delta → none.
  const csv = 'name,region\nAlpha,west\nBravo,east\nCharlie,EAST\nDelta,\n'
  const dry = await kit.upload('teams', csv, { dryRun: true })
  expect(dry.status, JSON.stringify(dry.body)).toBe(200)
  expect(dry.body).toMatchObject({ rows: 4, valid: 4, errorCount: 0, created: { regions: 1 } })
  expect(await sql('SELECT name FROM regions WHERE organization_id = $1', [org])).toEqual([{ name: 'West' }])

  const done = await kit.upload('teams', csv)
  expect(done.body).toMatchObject({ inserted: 4, updated: 0, created: { regions: 1 } })
  const teams = () =>
    sql(
      `SELECT t.name, r.name AS region FROM teams t LEFT JOIN regions r ON r.id = t.region_id
       WHERE t.organization_id = $1 AND t.name = ANY($2::text[]) ORDER BY t.name`,
      [org, ['Alpha', 'Bravo', 'Charlie', 'Delta']],
    )
  expect(await teams()).toEqual([
    { name: 'Alpha', region: 'West' },
    { name: 'Bravo', region: 'east' }, // the file's first spelling names the new region
    { name: 'Charlie', region: 'east' },
    { name: 'Delta', region: null },
  ])

  // A file without a region for Alpha keeps its region; nothing new is created.
  const again = await kit.upload('teams', 'name,region\nAlpha,\n')
  expect(again.body).toMatchObject({ inserted: 0 })
  expect(again.body['created']).toBeUndefined()
  expect((await teams())[0]).toEqual({ name: 'Alpha', region: 'West' })
})

import { afterAll, beforeAll, expect, test } from 'vitest'
import { recordTestKit } from '../records/record-test-kit.ts'

// Issue 14 F3 through the import: a row may only name leads, deals and customers its importer can see — another
// team's gets the error a missing external id gets. A reference the stored record already has is kept (who may
// see it changed since; the file asks for nothing new), so re-importing one's own export keeps working.

let kit: Awaited<ReturnType<typeof recordTestKit>>

beforeAll(async () => {
  kit = await recordTestKit()
  const t = kit.tenant
  // Each seeded rep owns one customer; give them external ids a file can name, and each rep a lead.
  for (const [tag, rep] of [
    ['1a', t.teams[0].reps[0]],
    ['1b', t.teams[0].reps[1]],
    ['2a', t.teams[1].reps[0]],
  ] as const) {
    await kit.db.pool.query('UPDATE customers SET external_id = $1 WHERE id = $2', [`C-${tag}`, rep.customerId])
    const admin = await kit.as(t.admin.email)
    const lead = await kit.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: admin.headers,
      payload: { externalId: `L-${tag}`, name: 'L', channel: 'web', createdAt: '2026-01-01', ownerId: rep.id },
    })
    expect(lead.statusCode, lead.body).toBe(201)
  }
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

async function importActivities(email: string, lines: string[]) {
  const as = await kit.as(email)
  const csv = ['externalId,type,userEmail,occurredAt,leadExternalId,customerExternalId,notes', ...lines].join('\r\n')
  return kit.app.inject({
    method: 'POST',
    url: '/api/import/activities?dryRun=false',
    headers: { ...as.headers, 'content-type': 'text/csv' },
    payload: csv + '\r\n',
  })
}

test('a manager’s rows may name their teams’ leads and customers; another team’s read as missing', async () => {
  const t = kit.tenant
  const rep = t.teams[0].reps[0].email
  const response = await importActivities(t.teams[0].manager.email, [
    `A-1,CALL,${rep},2026-01-05T10:00:00Z,L-1b,C-1a,ok`,
    `A-2,CALL,${rep},2026-01-05T10:00:00Z,L-2a,,other team's lead`,
    `A-3,CALL,${rep},2026-01-05T10:00:00Z,,C-2a,other team's customer`,
    `A-4,CALL,${rep},2026-01-05T10:00:00Z,L-missing,,no such lead`,
  ])
  expect(response.statusCode, response.body).toBe(422)
  expect(response.json().errors).toEqual([
    { row: 3, column: 'leadExternalId', value: 'L-2a', message: 'no lead with external id "L-2a"' },
    { row: 4, column: 'customerExternalId', value: 'C-2a', message: 'no customer with external id or name "C-2a"' },
    { row: 5, column: 'leadExternalId', value: 'L-missing', message: 'no lead with external id "L-missing"' },
  ])
  const { rowCount } = await kit.db.pool.query(
    "SELECT 1 FROM activities WHERE external_id LIKE 'A-%' AND organization_id = $1",
    [t.organizationId],
  )
  expect(rowCount).toBe(0)
})

test('a reference the stored record already has may stay, even where the importer cannot see it', async () => {
  const t = kit.tenant
  const rep = t.teams[0].reps[0].email
  // An admin linked rep 1a's activity to team 2's customer.
  const byAdmin = await importActivities(t.admin.email, [`K-1,CALL,${rep},2026-01-05T10:00:00Z,,C-2a,first`])
  expect(byAdmin.statusCode, byAdmin.body).toBe(200)
  // Team 1's manager re-imports the row with other notes: the customer is unchanged, so it is accepted…
  const kept = await importActivities(t.teams[0].manager.email, [`K-1,CALL,${rep},2026-01-05T10:00:00Z,,C-2a,second`])
  expect(kept.statusCode, kept.body).toBe(200)
  expect(kept.json()).toMatchObject({ inserted: 0, updated: 1 })
  // …but pointing it at another hidden record is not.
  const moved = await importActivities(t.teams[0].manager.email, [`K-1,CALL,${rep},2026-01-05T10:00:00Z,L-2a,C-2a,x`])
  expect(moved.statusCode, moved.body).toBe(422)
  expect(moved.json().errors).toEqual([
    { row: 2, column: 'leadExternalId', value: 'L-2a', message: 'no lead with external id "L-2a"' },
  ])
})

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { csvCell } from '../../csv/write.ts'
import { recordTestKit } from '../../records/record-test-kit.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'

let kit: Awaited<ReturnType<typeof recordTestKit>>
let tenant: Tenant
beforeAll(async () => {
  kit = await recordTestKit()
})
// An organisation per test: each exports exactly the rows it wrote itself.
beforeEach(async () => {
  tenant = await seedTenant(kit.db.pool)
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

describe('csvCell (OWASP CSV injection)', () => {
  test.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+31 6 1234', "'+31 6 1234"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`], // prefixed, then quoted for the line break
    [' =1', "' =1"], // spreadsheets trim the blank and would run the rest (F14)
    ["'=1", "''=1"], // the import takes one `'` off again (F14)
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['plain', 'plain'],
    [null, ''],
    [-2, '-2'], // numbers are data, not formulas
  ])('%j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })
})

describe('GET /api/export/:entity.csv', () => {
  test('export → import → nothing changes; BOM, header of import field names, formulas neutralised', async () => {
    const rep = tenant.teams[0].reps[0]
    const as = await kit.as(tenant.admin.email)
    const deals = [
      { externalId: 'E-1', name: '=HYPERLINK("http://evil")', amount: '10.00', status: 'OPEN' },
      {
        externalId: 'E-2',
        name: 'Semi; colon, comma "quoted"',
        amount: '20.50',
        status: 'WON',
        closedAt: '2026-02-01T00:00:00Z',
      },
    ]
    for (const deal of deals) {
      const response = await kit.app.inject({
        method: 'POST',
        url: '/api/deals',
        headers: as.headers,
        payload: {
          type: 'UPSELL',
          stage: 's',
          probability: 50,
          createdAt: '2026-01-01T00:00:00Z',
          ownerId: rep.id,
          ...deal,
        },
      })
      expect(response.statusCode).toBe(201)
    }
    const exported = await kit.app.inject({
      method: 'GET',
      url: '/api/export/deals.csv?sort=name',
      headers: as.headers,
    })
    expect(exported.statusCode).toBe(200)
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8')
    const text = exported.body
    expect(text.startsWith('\uFEFFexternalId,name,ownerEmail,customerExternalId,leadExternalId,product,type,')).toBe(
      true,
    )
    const lines = text.trim().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain(
      `E-1,"'=HYPERLINK(""http://evil"")",${rep.email},,,,UPSELL,s,50,OPEN,10.00,,2026-01-01T00:00:00.000Z,,`,
    )
    expect(lines[2]).toContain('"Semi; colon, comma ""quoted"""')

    const back = await kit.app.inject({
      method: 'POST',
      url: '/api/import/deals?dryRun=false',
      headers: { ...as.headers, 'content-type': 'text/csv' },
      payload: text,
    })
    expect(back.json()).toEqual({ entity: 'deals', rows: 2, inserted: 0, updated: 0, unchanged: 2, repeated: 0 })
    const { rows } = await kit.db.pool.query(
      `SELECT name FROM deals WHERE organization_id = $1 AND external_id = 'E-1'`,
      [tenant.organizationId],
    )
    expect(rows).toEqual([{ name: '=HYPERLINK("http://evil")' }])
  })

  test('nasty texts survive create → export → import unchanged; the second import updates nothing (F14)', async () => {
    const rep = tenant.teams[0].reps[0]
    const as = await kit.as(tenant.admin.email)
    const notes = ["'=1+1", "''=x", ' =1+1', '\n=cmd|x', '\t@x', '\r-1', "'plain", '-2', '  +1', "' =1"]
    for (const [i, note] of notes.entries()) {
      const response = await kit.app.inject({
        method: 'POST',
        url: '/api/activities',
        headers: as.headers,
        payload: {
          externalId: `N-${i}`,
          type: 'CALL',
          userId: rep.id,
          occurredAt: '2026-01-05T10:00:00Z',
          notes: note,
        },
      })
      expect(response.statusCode, response.body).toBe(201)
    }
    const exported = await kit.app.inject({ url: '/api/export/activities.csv', headers: as.headers })
    expect(exported.statusCode).toBe(200)
    const back = await kit.app.inject({
      method: 'POST',
      url: '/api/import/activities?dryRun=false',
      headers: { ...as.headers, 'content-type': 'text/csv' },
      payload: exported.body,
    })
    expect(back.json()).toEqual({
      entity: 'activities',
      rows: notes.length,
      inserted: 0,
      updated: 0,
      unchanged: notes.length,
      repeated: 0,
    })
    const { rows } = await kit.db.pool.query<{ external_id: string; notes: string }>(
      `SELECT external_id, notes FROM activities WHERE organization_id = $1`,
      [tenant.organizationId],
    )
    expect(Object.fromEntries(rows.map((r) => [r.external_id, r.notes]))).toEqual(
      Object.fromEntries(notes.map((note, i) => [`N-${i}`, note])),
    )
  })

  test('filters and visibility are the list’s: a rep exports only their own rows', async () => {
    const other = tenant.teams[0].reps[1]
    const as = await kit.as(other.email)
    const response = await kit.app.inject({ method: 'GET', url: '/api/export/deals.csv', headers: as.headers })
    expect(response.body.trim().split('\r\n')).toHaveLength(1) // the header only
    const bad = await kit.app.inject({ method: 'GET', url: '/api/export/deals.csv?status=MAYBE', headers: as.headers })
    expect(bad.json()).toMatchObject({ error: 'validation_failed', field: 'query.status' })
    const costs = await kit.app.inject({ method: 'GET', url: '/api/export/costs.csv', headers: as.headers })
    expect(costs.statusCode).toBe(403)
  })
})

describe('GET /api/export/kpis/:key/breakdown.csv', () => {
  test('revenue.won for team 1 in March 2026: total and one line per rep, as the manager', async () => {
    const team = tenant.teams[0]
    const admin = await kit.as(tenant.admin.email)
    const won = (ownerId: number, amount: string, closedAt: string) =>
      kit.app.inject({
        method: 'POST',
        url: '/api/deals',
        headers: admin.headers,
        payload: {
          name: 'W',
          type: 'NEW_BUSINESS',
          stage: 'won',
          probability: 100,
          status: 'WON',
          amount,
          ownerId,
          createdAt: '2026-02-01',
          closedAt,
        },
      })
    await won(team.reps[0].id, '100.00', '2026-03-02T10:00:00Z')
    await won(team.reps[0].id, '50.50', '2026-03-31T21:59:00Z') // 23:59 in Amsterdam: still March
    await won(team.reps[1].id, '25.00', '2026-03-15T10:00:00Z')
    await won(team.reps[1].id, '999.00', '2026-03-31T22:00:00Z') // 1 April 00:00 in Amsterdam: not March

    const manager = await kit.as(team.manager.email)
    const url = `/api/export/kpis/revenue.won/breakdown.csv?scope=team:${team.id}&period=month&date=2026-03-15`
    const response = await kit.app.inject({ method: 'GET', url, headers: manager.headers })
    expect(response.statusCode).toBe(200)
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('kpi,scope,period,breakdown,key,name,value,noValueReason,target,status')
    // total 100.00 + 50.50 + 25.00 = 175.50; rep a 150.50, rep b 25.00; no targets set, so no colour
    expect(lines[1]).toBe(`revenue.won,team:${team.id},2026-03,total,team:${team.id},,175.5,,,no-target`)
    expect(lines).toContain(
      `revenue.won,team:${team.id},2026-03,rep,rep:${team.reps[0].id},${team.reps[0].name},150.5,,,no-target`,
    )
    expect(lines).toContain(
      `revenue.won,team:${team.id},2026-03,rep,rep:${team.reps[1].id},${team.reps[1].name},25,,,no-target`,
    )

    const rep = await kit.as(team.reps[0].email)
    const denied = await kit.app.inject({
      method: 'GET',
      url: url.replace(`team:${team.id}`, `team:${tenant.teams[1].id}`),
      headers: rep.headers,
    })
    expect(denied.statusCode).toBe(403)
  })
})

import { describe, expect, test } from 'vitest'
import { useImportKit } from './import-test-kit.ts'
import { loginAs } from '../../testing/login-as.ts'

// The import over real HTTP: multipart bodies built by fetch's FormData, the way the browser sends them.
// Every test imports into an organisation of its own, so none sees another's rows, whatever the order.

const kit = useImportKit()

async function countDeals(): Promise<number> {
  const { rows } = await kit.db.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM deals WHERE organization_id = $1',
    [kit.tenant.organizationId],
  )
  return rows[0]!.n
}

function dealsCsv(rows: string[][]): string {
  const rep = kit.tenant.teams[0].reps[0]
  const header = 'externalId,name,ownerEmail,customerExternalId,type,stage,probability,status,amount,createdAt,closedAt'
  return [header, ...rows.map((r) => r.map((cell) => cell.replace('{rep}', rep.email)).join(','))].join('\r\n') + '\r\n'
}

const good = [
  ['D-1', 'Alpha', '{rep}', '', 'NEW_BUSINESS', 'Won', '100', 'WON', '1000.00', '2026-01-05', '2026-02-01T10:00:00Z'],
  ['D-2', '"Beta, Gamma"', '{rep}', '', 'UPSELL', 'Proposal', '40', 'OPEN', '250.5', '2026-01-06', ''],
  ['D-3', 'Delta', '{rep}', '', 'RENEWAL', 'Lost', '0', 'LOST', '99.99', '2026-01-07', '2026-03-01T00:00:00Z'],
]

describe('POST /api/import/deals', () => {
  test('dry run reports every error as (row, column, message) and writes nothing', async () => {
    const csv = dealsCsv([
      good[0]!,
      ['D-9', 'Bad', 'nobody@example.test', '', 'NEW_BUSINESS', 'Won', '150', 'WON', '12.345', '2026-01-05', ''],
      ['D-1', 'Again', '{rep}', '', 'UPSELL', 'x', '10', 'OPEN', '1', '2026-01-05', ''],
    ])
    const { status, body } = await kit.upload('deals', csv, { dryRun: true })
    expect(status).toBe(200)
    expect(body).toMatchObject({ entity: 'deals', rows: 3, valid: 1 })
    expect(body['errors']).toEqual(
      expect.arrayContaining([
        {
          row: 3,
          column: 'probability',
          value: '150',
          message: '"150" in probability is out of range: it must be 0–100',
        },
        {
          row: 3,
          column: 'amount',
          value: '12.345',
          message: '"12.345" in amount is not an amount: write e.g. 4500.00 or 4.500,00',
        },
        { row: 3, column: 'closedAt', message: 'a WON deal needs closedAt' },
        {
          row: 4,
          column: 'externalId',
          value: 'D-1',
          message: '"D-1" is also in row 2; each record may appear once per file',
        },
      ]),
    )
    expect((body['preview'] as unknown[]).length).toBe(1)
    expect(await countDeals()).toBe(0)
  })

  test('broken quoting is a CSV error at its row, not a 500', async () => {
    for (const cell of ['Al"pha', '"Alpha"x', '"Alpha']) {
      const row = [...good[0]!]
      row[1] = cell
      const { status, body } = await kit.upload('deals', dealsCsv([good[1]!, row]), { dryRun: true })
      expect(status, cell).toBe(200)
      expect(body['errors'], cell).toEqual([{ row: 3, column: '', message: expect.stringContaining('not valid CSV') }])
    }
  })

  test('an unknown owner is reported against the column the user sees', async () => {
    const csv = dealsCsv([['D-9', 'X', 'nobody@example.test', '', 'UPSELL', 'x', '10', 'OPEN', '1', '2026-01-05', '']])
    const { body } = await kit.upload('deals', csv, { dryRun: true })
    expect(body['errors']).toEqual([
      {
        row: 2,
        column: 'ownerEmail',
        value: 'nobody@example.test',
        message: 'no user with e-mail, external id or name "nobody@example.test"',
      },
    ])
  })

  test('commit, then the same file again changes nothing; a changed row updates only itself', async () => {
    const first = await kit.upload('deals', dealsCsv(good))
    expect(first).toEqual({
      status: 200,
      body: { entity: 'deals', rows: 3, inserted: 3, updated: 0, unchanged: 0, repeated: 0 },
    })
    const { rows } = await kit.db.pool.query(
      `SELECT external_id, name, amount::text, team_id, version FROM deals WHERE organization_id = $1 ORDER BY external_id`,
      [kit.tenant.organizationId],
    )
    expect(rows).toEqual([
      { external_id: 'D-1', name: 'Alpha', amount: '1000.00', team_id: kit.tenant.teams[0].id, version: 1 },
      { external_id: 'D-2', name: 'Beta, Gamma', amount: '250.50', team_id: kit.tenant.teams[0].id, version: 1 },
      { external_id: 'D-3', name: 'Delta', amount: '99.99', team_id: kit.tenant.teams[0].id, version: 1 },
    ])

    const again = await kit.upload('deals', dealsCsv(good))
    expect(again.body).toEqual({ entity: 'deals', rows: 3, inserted: 0, updated: 0, unchanged: 3, repeated: 0 })

    const changed = good.map((r) => [...r])
    changed[1]![8] = '300.00'
    const third = await kit.upload('deals', dealsCsv(changed))
    expect(third.body).toEqual({ entity: 'deals', rows: 3, inserted: 0, updated: 1, unchanged: 2, repeated: 0 })
    const audit = await kit.db.pool.query(
      `SELECT after FROM audit_log WHERE organization_id = $1 AND action = 'deals.imported' ORDER BY id`,
      [kit.tenant.organizationId],
    )
    expect(audit.rows.map((r) => r.after)).toMatchObject([
      { inserted: 3, updated: 0, unchanged: 0 },
      { inserted: 0, updated: 0, unchanged: 3 },
      { inserted: 0, updated: 1, unchanged: 2 },
    ])
  })

  test('an error in row 3 of 3 → 422 with the report, and not even rows 1–2 are written', async () => {
    const before = await countDeals()
    const csv = dealsCsv([
      ['N-1', 'One', '{rep}', '', 'UPSELL', 'x', '10', 'OPEN', '1', '2026-01-05', ''],
      ['N-2', 'Two', '{rep}', '', 'UPSELL', 'x', '10', 'OPEN', '1', '2026-01-05', ''],
      ['N-3', 'Three', '{rep}', '', 'UPSELL', 'x', '10', 'OPEN', '-5', '2026-01-05', ''],
    ])
    const { status, body } = await kit.upload('deals', csv)
    expect(status).toBe(422)
    expect(body).toMatchObject({ error: 'validation_failed', rows: 3, valid: 2, errorCount: 1 })
    expect(body['errors']).toEqual([
      { row: 4, column: 'amount', value: expect.any(String), message: expect.any(String) },
    ])
    expect(await countDeals()).toBe(before)
  })

  test('an error after the first batch was already written (row 5001) still leaves the database unchanged', async () => {
    const before = await countDeals()
    const rows = Array.from({ length: 5001 }, (_, i) => [
      `BIG-${i}`,
      'Bulk',
      '{rep}',
      '',
      'UPSELL',
      'x',
      '10',
      'OPEN',
      i === 5000 ? 'lots' : '1',
      '2026-01-05',
      '',
    ])
    const { status, body } = await kit.upload('deals', dealsCsv(rows))
    expect(status).toBe(422)
    expect(body['errors']).toEqual([
      { row: 5002, column: 'amount', value: expect.any(String), message: expect.any(String) },
    ])
    expect(await countDeals()).toBe(before)
    const audit = await kit.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE organization_id = $1 AND after->>'rows' = '5001'`,
      [kit.tenant.organizationId],
    )
    expect(audit.rows[0].n).toBe(0)
  })

  test('a CRM export: its own headers mapped onto ours, `;` delimiter, BOM, CRLF, decimal comma, labels', async () => {
    const rep = kit.tenant.teams[0].reps[1]
    const csv =
      '\uFEFFDeal ID;Deal Name;Deal Owner;Deal Type;Stage;Probability (%);Status;Amount;Created;Closed;Notes\r\n' +
      `H-1;"Omega; the big one";${rep.email.toUpperCase()};New business;Won;100;won;1234,50;2026-04-01;2026-04-20T12:00:00Z;ignored\r\n`
    const mapping = {
      'Deal ID': 'externalId',
      'Deal Name': 'name',
      'Deal Owner': 'ownerEmail',
      'Deal Type': 'type',
      'Probability (%)': 'probability',
      Created: 'createdAt',
      Closed: 'closedAt',
      Notes: null,
    }
    const dry = await kit.upload('deals', csv, { dryRun: true, mapping })
    expect(dry.body['columns']).toEqual({
      'Deal ID': 'externalId',
      'Deal Name': 'name',
      'Deal Owner': 'ownerEmail',
      'Deal Type': 'type',
      Stage: 'stage',
      'Probability (%)': 'probability',
      Status: 'status',
      Amount: 'amount',
      Created: 'createdAt',
      Closed: 'closedAt',
      Notes: null,
    })
    expect(dry.body['errors']).toEqual([])
    expect(dry.body['preview']).toEqual([
      expect.objectContaining({ name: 'Omega; the big one', type: 'NEW_BUSINESS', status: 'WON', amount: '1234.50' }),
    ])
    const real = await kit.upload('deals', csv, { mapping })
    expect(real.body).toMatchObject({ inserted: 1 })
    const { rows } = await kit.db.pool.query(
      `SELECT owner_id, amount::text, created_at FROM deals WHERE organization_id = $1 AND external_id = 'H-1'`,
      [kit.tenant.organizationId],
    )
    // 2026-04-01 is midnight in Amsterdam (CEST, +02:00) = 2026-03-31T22:00Z.
    expect(rows).toEqual([{ owner_id: rep.id, amount: '1234.50', created_at: new Date('2026-03-31T22:00:00Z') }])
  })

  test('a missing required column is one error naming the field; an unknown mapping target is 400', async () => {
    const missing = await kit.upload('deals', 'externalId,name\r\nX,Y\r\n', { dryRun: true })
    expect(missing.body['errors']).toEqual(
      expect.arrayContaining([{ row: 0, column: 'ownerEmail', message: expect.stringContaining('required field') }]),
    )
    const bad = await kit.upload('deals', 'a,b\r\n1,2\r\n', { dryRun: true, mapping: { a: 'nonsense' } })
    expect(bad).toMatchObject({ status: 400, body: { error: 'validation_failed', field: 'mapping.a' } })
  })

  test('headers named like Object.prototype members are columns like any other (F9)', async () => {
    const names = ['constructor', 'toString', 'hasOwnProperty', '__proto__']
    const csv = dealsCsv([good[0]!])
      .replace('\r\n', `,${names.join(',')}\r\n`)
      .replace(/\r\n$/, ',a,b,c,d\r\n')
    const { status, body } = await kit.upload('deals', csv, { dryRun: true })
    expect(status).toBe(200)
    expect(body).toMatchObject({ valid: 1, errorCount: 0 })
    expect(Object.entries(body['columns'] as object).slice(-4)).toEqual(names.map((name) => [name, null]))

    // The mapping is JSON and may name them too: `__proto__` filling name, `constructor` ignored.
    const mapped = dealsCsv([good[0]!]).replace('name,', '__proto__,').replace('\r\n', ',constructor\r\n')
    // JSON.parse makes `__proto__` an own key (an object literal would set the prototype instead).
    const mapping = JSON.parse('{"__proto__": "name", "constructor": null}') as object
    const report = await kit.upload('deals', mapped.replace(/\r\n$/, ',x\r\n'), { dryRun: true, mapping })
    expect(report.status).toBe(200)
    expect(report.body).toMatchObject({ valid: 1, errorCount: 0, preview: [{ name: 'Alpha' }] })
    const columns = Object.entries(report.body['columns'] as object)
    expect(columns).toEqual(
      expect.arrayContaining([
        ['__proto__', 'name'],
        ['constructor', null],
      ]),
    )
  })

  test('a Windows-1252 file is read as Windows-1252; a UTF-8 file with a stray byte later is a row error (F10)', async () => {
    const text = dealsCsv([good[0]!, ['D-5', 'Café Ëlise', ...good[0]!.slice(2)]])
    const windows1252 = Buffer.from(text, 'latin1') // é = 0xE9, Ë = 0xCB, as Excel's "CSV (;)" writes them
    const read = await kit.upload('deals', windows1252)
    expect(read.body).toMatchObject({ inserted: 2 })
    const names = await kit.db.pool.query(`SELECT name FROM deals WHERE organization_id = $1 AND external_id = 'D-5'`, [
      kit.tenant.organizationId,
    ])
    expect(names.rows).toEqual([{ name: 'Café Ëlise' }])

    // Past the 64 KiB the encoding is chosen from, the file is UTF-8: a 0xE9 there is refused, never a silent �.
    const ascii = Array.from({ length: 800 }, (_, i) => [`U-${i}`, 'Plain', ...good[0]!.slice(2)])
    const late = Buffer.from(dealsCsv([...ascii, ['U-800', 'Café', ...good[0]!.slice(2)]]), 'latin1')
    const refused = await kit.upload('deals', late)
    expect(refused.status).toBe(422)
    expect(refused.body['errors']).toEqual([
      {
        row: 802,
        column: 'name',
        message: 'not UTF-8 text (byte 0xE9): save the file as CSV UTF-8, or choose the encoding Windows-1252',
      },
    ])

    // The character U+FFFD itself, properly encoded, is text like any other.
    const real = await kit.upload('deals', dealsCsv([['D-6', 'Caf\uFFFD', ...good[0]!.slice(2)]]))
    expect(real.body).toMatchObject({ inserted: 1 })
  })

  test('text/csv body with the mapping in the query', async () => {
    const rep = kit.tenant.teams[0].reps[0]
    const csv = `Ref,Title,Owner,type,stage,probability,status,amount,createdAt\nT-1,Plain,${rep.email},UPSELL,Open,10,OPEN,5,2026-05-01\n`
    const mapping = encodeURIComponent(JSON.stringify({ Ref: 'externalId', Title: 'name', Owner: 'ownerEmail' }))
    const response = await fetch(`${kit.base}/api/import/deals?dryRun=false&mapping=${mapping}`, {
      method: 'POST',
      headers: { ...kit.admin.headers, 'content-type': 'text/csv' },
      body: csv,
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ inserted: 1 })
  })

  test('one quoted field of 40 MB → a row error naming its column, and the API answers afterwards (F2)', async () => {
    const csv = `${dealsCsv([good[1]!]).trimEnd()}\r\nD-9,"${'x'.repeat(40 * 1024 * 1024)}",rest\r\n`
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/import/deals?dryRun=true',
      headers: { ...kit.admin.headers, 'content-type': 'text/csv' },
      payload: csv,
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      errors: [{ row: 3, column: 'name', message: 'field longer than 1 MB' }],
    })
    const after = await kit.upload('deals', dealsCsv([good[0]!]), { dryRun: true })
    expect(after).toMatchObject({ status: 200, body: { valid: 1, errorCount: 0 } })
  })

  test('more than 50 MB → 413 in the error shape', async () => {
    const big = 'externalId,name\r\n' + 'x'.repeat(51 * 1024 * 1024)
    const { status, body } = await kit.upload('deals', big, { dryRun: true })
    expect(status).toBe(413)
    expect(body).toMatchObject({ error: 'payload_too_large' })
  })
  test('a chunked text/csv body (no Content-Length) is cut off at 50 MB with 413, in the person’s language', async () => {
    // 1 MiB of short rows (one long field would stop at the 1 MB field cap before the size limit is reached).
    const chunk = new TextEncoder().encode(`${'x'.repeat(1022)}\r\n`.repeat(1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const header = 'externalId,name,ownerEmail,type,stage,probability,status,amount,createdAt\r\n'
        if (sent === 0) controller.enqueue(new TextEncoder().encode(header))
        if (sent++ >= 52) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const response = await fetch(`${kit.base}/api/import/deals?dryRun=true`, {
      method: 'POST',
      headers: { ...kit.admin.headers, 'content-type': 'text/csv', 'accept-language': 'nl' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({
      error: 'payload_too_large',
      message: 'het bestand is groter dan 50 MB: splits het in kleinere bestanden',
    })
  })
})

describe('GET /api/import/:entity/fields', () => {
  test('lists the mapping targets with required flags and kinds', async () => {
    const response = await fetch(`${kit.base}/api/import/deals/fields`, { headers: kit.admin.headers })
    const body = (await response.json()) as { fields: { name: string; kind: string; required: boolean }[] }
    expect(body.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'externalId', kind: 'text', required: false }),
        expect.objectContaining({ name: 'ownerEmail', kind: 'ref', required: true }),
        expect.objectContaining({ name: 'amount', kind: 'money', required: false }),
      ]),
    )
  })
})

describe('who may import', () => {
  test('a rep is 403; a manager may import deals of their own team only', async () => {
    const rep = await loginAs(kit.base, kit.tenant.teams[0].reps[0].email)
    expect((await kit.upload('deals', dealsCsv(good), { as: rep, dryRun: true })).status).toBe(403)

    const manager = await loginAs(kit.base, kit.tenant.teams[1].manager.email)
    expect((await kit.upload('costs', 'category,month,amount\r\n', { as: manager, dryRun: true })).status).toBe(403)
    const report = await kit.upload('deals', dealsCsv([good[0]!]), { as: manager, dryRun: true })
    expect(report.body['errors']).toEqual([
      { row: 2, column: 'ownerEmail', message: 'the owner is not in a team you manage' },
    ])
  })
})

describe('other entities', () => {
  test('targets: scope by team name / rep email, period start checked against the period type', async () => {
    const team = kit.tenant.teams[0]
    const csv = [
      'kpiKey,scope,periodType,periodStart,value',
      `revenue.won,org,MONTH,2026-03-01,100000`,
      `revenue.won,team:${team.name},QUARTER,2026-04-01,30000.5`,
      `activity.calls,rep:${team.reps[0].email},WEEK,2026-03-02,40`,
      `activity.calls,rep:${team.reps[0].email},WEEK,2026-03-03,40`,
      `no.such,org,MONTH,2026-03-01,1`,
    ].join('\n')
    const dry = await kit.upload('targets', csv, { dryRun: true })
    expect(dry.body['errors']).toEqual([
      { row: 5, column: 'periodStart', value: '2026-03-03', message: 'a WEEK starts on 2026-03-02, not 2026-03-03' },
      { row: 6, column: 'kpiKey', value: 'no.such', message: 'not a KPI key (e.g. revenue.won)' },
    ])
    const ok = csv.split('\n').slice(0, 4).join('\n')
    expect((await kit.upload('targets', ok)).body).toMatchObject({ inserted: 3, updated: 0 })
    expect((await kit.upload('targets', ok)).body).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 })
    const { rows } = await kit.db.pool.query(
      `SELECT scope_key, value::text FROM targets WHERE organization_id = $1 ORDER BY scope_key`,
      [kit.tenant.organizationId],
    )
    expect(rows).toEqual([
      { scope_key: 'org', value: '100000.0000' },
      { scope_key: `rep:${team.reps[0].id}`, value: '40.0000' },
      { scope_key: `team:${team.id}`, value: '30000.5000' },
    ])
  })

  test('targets: a region by name in any case; an unknown region is named in English and Dutch', async () => {
    const org = kit.tenant.organizationId
    const { rows: made } = await kit.db.pool.query<{ id: number }>(
      `INSERT INTO regions (organization_id, name) VALUES ($1, 'Benelux') RETURNING id`,
      [org],
    )
    const region = made[0]!.id
    const csv = ['kpiKey,scope,periodType,periodStart,value', 'revenue.won,region:benelux,MONTH,2026-03-01,50000'].join(
      '\n',
    )
    expect((await kit.upload('targets', csv)).body).toMatchObject({ inserted: 1 })
    const { rows } = await kit.db.pool.query(
      `SELECT scope_type::text, scope_key, region_id, team_id, value::text FROM targets WHERE organization_id = $1`,
      [org],
    )
    expect(rows).toEqual([
      { scope_type: 'REGION', scope_key: `region:${region}`, region_id: region, team_id: null, value: '50000.0000' },
    ])
    const unknown = 'kpiKey,scope,periodType,periodStart,value\nrevenue.won,region:Nowhere,MONTH,2026-03-01,1'
    expect((await kit.upload('targets', unknown, { dryRun: true })).body['errors']).toEqual([
      { row: 2, column: 'scope', value: 'region:Nowhere', message: 'no region named "Nowhere"' },
    ])
    expect((await kit.upload('targets', unknown, { dryRun: true, language: 'nl' })).body['errors']).toEqual([
      { row: 2, column: 'scope', value: 'region:Nowhere', message: 'geen regio met de naam "Nowhere"' },
    ])
  })

  test('activities, leads, customers, costs and surveys import by their keys', async () => {
    const rep = kit.tenant.teams[0].reps[0]
    const customers = `externalId,name,segment,idealProfile,ownerEmail,acquiredAt\nC-1,Acme,SMB,ja,${rep.email},2025-01-01\n`
    expect((await kit.upload('customers', customers)).body).toMatchObject({ inserted: 1 })
    const leads = `externalId,name,account,channel,ownerEmail,customerExternalId,createdAt,mqlAt,sqlAt\nL-1,Lead,ACME  B.V.,web,${rep.email},C-1,2026-01-01,2026-01-02,2026-01-03\n`
    expect((await kit.upload('leads', leads)).body).toMatchObject({ inserted: 1 })
    const accountKey = await kit.db.pool.query(
      `SELECT account_key FROM leads WHERE organization_id = $1 AND external_id = 'L-1'`,
      [kit.tenant.organizationId],
    )
    expect(accountKey.rows).toEqual([{ account_key: 'acme b.v.' }])
    expect((await kit.upload('deals', dealsCsv([good[0]!]))).body).toMatchObject({ inserted: 1 })
    const activities = `externalId,type,userEmail,leadExternalId,dealExternalId,occurredAt,notes\nA-1,call,${rep.email},L-1,D-1,2026-01-04T10:00:00Z,"=HYPERLINK(""x"")"\n`
    expect((await kit.upload('activities', activities)).body).toMatchObject({ inserted: 1 })
    const costs = `externalId,category,month,teamName,amount\nK-1,MARKETING,2026-01-01,${kit.tenant.teams[0].name},5000\nK-2,FIXED,2026-01-01,,100.10\n`
    expect((await kit.upload('costs', costs)).body).toMatchObject({ inserted: 2 })
    const surveys = `externalId,kind,score,respondedAt,customerExternalId,teamName\nS-1,NPS,9,2026-01-10,C-1,\nS-2,Q12,4.25,2026-01-10,,${kit.tenant.teams[0].name}\nS-3,CSAT,6,2026-01-10,C-1,\n`
    const report = await kit.upload('surveys', surveys, { dryRun: true })
    expect(report.body['errors']).toEqual([
      { row: 4, column: 'score', value: expect.any(String), message: 'a CSAT score must be 1–5' },
    ])
  })
})

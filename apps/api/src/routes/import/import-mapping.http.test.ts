import { describe, expect, test } from 'vitest'
import { useImportKit } from './import-test-kit.ts'

// The extended mapping over real HTTP (issue 17): files as CRMs export them, names instead of e-mails, stage
// words, constants, value translations, one column to several fields, Dutch messages, saved mappings, presets.

const kit = useImportKit()

const sql = (text: string, params: unknown[]) => kit.db.pool.query(text, params)

/** Renames the tenant's reps to Maven CRM's sales agents and adds its products (GTX Pro, exported as GTXPro). */
async function mavenOrganisation() {
  const [moses, darcel] = kit.tenant.teams[0].reps
  const [james] = kit.tenant.teams[1].reps
  for (const [user, name] of [
    [moses, 'Moses Frase'],
    [darcel, 'Darcel Schlecht'],
    [james, 'James Ascencio'],
  ] as const)
    await sql('UPDATE users SET name = $1 WHERE id = $2', [name, user.id])
  for (const name of ['GTX Basic', 'GTX Pro', 'GTX Plus Basic', 'GTX Plus Pro', 'MG Special', 'MG Advanced'])
    await sql('INSERT INTO products (organization_id, name, category) VALUES ($1, $2, $3)', [
      kit.tenant.organizationId,
      name,
      name.split(' ')[0],
    ])
  return { moses, darcel, james }
}

// Real rows of /work/shared/datasets/maven-crm/sales_pipeline.csv (its first 40 lines, the three agents above).
const mavenRows = [
  '1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054',
  'Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Won,2016-10-25,2017-03-11,4514',
  'EC4QE1BX,Darcel Schlecht,MG Special,Cancity,Won,2016-10-25,2017-03-07,50',
  'MV1LWRNH,Moses Frase,GTX Basic,Codehow,Won,2016-10-25,2017-03-09,588',
  'S8DX3XOU,James Ascencio,GTX Plus Pro,Sunnamplex,Won,2016-11-04,2017-03-10,5169',
  'JJXRR8R6,James Ascencio,GTX Plus Pro,Fasehatice,Lost,2016-11-07,2017-03-17,0',
  'WF4HA5NW,Moses Frase,MG Special,Ron-tech,Won,2016-11-07,2017-03-18,50',
  'ADRB8OMB,Darcel Schlecht,GTX Basic,Warephase,Won,2016-11-08,2017-03-26,561',
  'JYKM0B00,James Ascencio,GTXPro,Xx-holding,Won,2016-11-12,2017-03-06,4338',
]
const ENGAGING = 'HAXMC4IX,James Ascencio,MG Advanced,,Engaging,2016-11-03,,'
const mavenCsv = (rows: string[]) =>
  ['opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value', ...rows].join('\n') +
  '\n'

const mavenMapping = {
  columns: {
    opportunity_id: ['externalId', 'name'],
    sales_agent: 'ownerEmail',
    product: 'product',
    account: null,
    deal_stage: ['stage', 'status', 'probability'],
    engage_date: 'createdAt',
    close_date: 'closedAt',
    close_value: 'amount',
  },
  constants: { type: 'NEW_BUSINESS' },
  values: {
    status: { Won: 'WON', Lost: 'LOST', Engaging: 'OPEN', Prospecting: 'OPEN' },
    probability: { Won: '100', Lost: '0', Engaging: '50', Prospecting: '10' },
  },
}

describe('the Maven CRM export through the extended mapping', () => {
  test('owners by name, GTXPro = GTX Pro, stage words to status and probability; March 2017 won revenue by hand', async () => {
    const { moses, james } = await mavenOrganisation()
    const result = await kit.upload('deals', mavenCsv(mavenRows), { mapping: mavenMapping })
    expect(result).toMatchObject({ status: 200, body: { inserted: 9, updated: 0 } })

    const { rows } = await sql(
      `SELECT d.external_id, d.name, d.owner_id, p.name AS product, d.stage, d.status, d.probability, d.amount::text,
              d.type
         FROM deals d LEFT JOIN products p ON p.id = d.product_id
        WHERE d.organization_id = $1 AND d.external_id IN ('Z063OYW0', 'JJXRR8R6', 'WF4HA5NW')
        ORDER BY d.external_id`,
      [kit.tenant.organizationId],
    )
    expect(rows).toEqual([
      {
        external_id: 'JJXRR8R6',
        name: 'JJXRR8R6',
        owner_id: james.id,
        product: 'GTX Plus Pro',
        stage: 'Lost',
        status: 'LOST',
        probability: 0,
        amount: '0.00',
        type: 'NEW_BUSINESS',
      },
      expect.objectContaining({ external_id: 'WF4HA5NW', owner_id: moses.id, product: 'MG Special', status: 'WON' }),
      expect.objectContaining({ external_id: 'Z063OYW0', product: 'GTX Pro', stage: 'Won', probability: 100 }),
    ])
    // Won in March 2017: 1054 + 4514 + 50 + 588 + 5169 + 50 + 561 + 4338 = 16,324 (JJXRR8R6 was lost).
    const won = await sql(
      `SELECT sum(d.amount)::text AS revenue FROM deals d JOIN organizations o ON o.id = d.organization_id
        WHERE d.organization_id = $1 AND d.status = 'WON'
          AND d.closed_at >= ('2017-03-01'::timestamp AT TIME ZONE o.time_zone)
          AND d.closed_at < ('2017-04-01'::timestamp AT TIME ZONE o.time_zone)`,
      [kit.tenant.organizationId],
    )
    expect(won.rows[0]).toEqual({ revenue: '16324.00' })
  })

  test('an open deal without a value: blank is unknown, never 0', async () => {
    await mavenOrganisation()
    const result = await kit.upload('deals', mavenCsv([ENGAGING]), { mapping: mavenMapping })
    expect(result).toMatchObject({ status: 200, body: { inserted: 1 } })
    const { rows } = await sql('SELECT status, amount FROM deals WHERE organization_id = $1 AND external_id = $2', [
      kit.tenant.organizationId,
      'HAXMC4IX',
    ])
    expect(rows).toEqual([{ status: 'OPEN', amount: null }])
  })
})

describe('references by name', () => {
  test('two people with one name: a row error that asks for their e-mail', async () => {
    const [a, b] = kit.tenant.teams[0].reps
    for (const user of [a, b]) await sql('UPDATE users SET name = $1 WHERE id = $2', ['Anna Smit', user.id])
    const csv = `externalId,name,ownerEmail,type,stage,probability,status,amount,createdAt\nX-1,One, anna smit ,UPSELL,Proposal,40,OPEN,10,2026-01-05\n`
    const { body } = await kit.upload('deals', csv, { dryRun: true })
    expect(body['errors']).toEqual([
      {
        row: 2,
        column: 'ownerEmail',
        value: 'anna smit',
        message: '2 people are named "anna smit": use their e-mail',
      },
    ])
  })
})

describe('unmatched values and messages in Dutch', () => {
  const header = 'externalId,name,ownerEmail,type,stage,probability,status,amount,createdAt'
  const row = (id: string, status: string, amount: string) =>
    `${id},Deal,${kit.tenant.teams[0].reps[0].email},UPSELL,Proposal,40,${status},${amount},2026-01-05`

  test('values that fit no status are counted per value; the rows name column, value and the allowed values', async () => {
    const csv = [header, row('U-1', 'Pending', '1'), row('U-2', 'Pending', '1'), row('U-3', 'Stalled', '1')].join('\n')
    const { body } = await kit.upload('deals', csv, { dryRun: true })
    expect(body['unmatched']).toEqual({
      status: [
        { value: 'Pending', rows: 2 },
        { value: 'Stalled', rows: 1 },
      ],
    })
    expect((body['errors'] as object[])[0]).toEqual({
      row: 2,
      column: 'status',
      value: 'Pending',
      message: '"Pending" in status is not one of OPEN, WON, LOST: change it, or translate it in the mapping',
    })
    // Translated in the mapping (case and spaces ignored), the same file is clean.
    const mapping = { values: { status: { pending: 'OPEN', ' STALLED ': 'OPEN' } } }
    expect((await kit.upload('deals', csv, { dryRun: true, mapping })).body).toMatchObject({ valid: 3, unmatched: {} })
  })

  test('words where a whole number belongs are offered for translation too (a stage word as the probability)', async () => {
    const csv = [header, row('P-1', 'OPEN', '1').replace(',40,', ',Won,'), row('P-2', 'OPEN', '1')].join('\n')
    const { body } = await kit.upload('deals', csv, { dryRun: true })
    expect(body['unmatched']).toEqual({ probability: [{ value: 'Won', rows: 1 }] })
    const mapping = { values: { probability: { Won: '100' } } }
    expect((await kit.upload('deals', csv, { dryRun: true, mapping })).body).toMatchObject({ valid: 2, unmatched: {} })
  })

  test('Accept-Language: nl answers the report in Dutch', async () => {
    const csv = [header, row('N-1', 'OPEN', '"4.500,00x"'), row('N-1', 'Wacht', '1')].join('\n')
    const { body } = await kit.upload('deals', csv, { dryRun: true, language: 'nl-NL,nl;q=0.9,en;q=0.8' })
    expect(body['errors']).toEqual([
      {
        row: 2,
        column: 'amount',
        value: '4.500,00x',
        message: '"4.500,00x" in amount is geen bedrag: schrijf bijv. 4500.00 of 4.500,00',
      },
      {
        row: 3,
        column: 'status',
        value: 'Wacht',
        message: '"Wacht" in status is niet een van OPEN, WON, LOST: pas het aan, of vertaal het in de koppeling',
      },
    ])
  })
})

describe('mapping errors name their place', () => {
  const csv = 'Deal,Owner,type\nA,x@example.test,UPSELL\n'
  test.each([
    [{ columns: { Deal: 'name', Owner: 'ownerEmail' }, constants: { name: 'X' } }, 'mapping.constants.name'],
    [{ columns: { Deal: ['name', 'nosuch'] } }, 'mapping.columns.Deal'],
    [{ columns: { Missing: 'name' } }, 'mapping.columns.Missing'],
    [{ defaults: { nosuch: '1' } }, 'mapping.defaults.nosuch'],
    [{ columns: { Deal: 'name' }, format: { delimiter: '|' } }, 'mapping.format.delimiter'],
  ])('%j → 400 at %s', async (mapping, field) => {
    const { status, body } = await kit.upload('deals', csv, { dryRun: true, mapping })
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: 'validation_failed', field })
  })
})

describe('mapping errors in the person’s language', () => {
  const csv = 'Deal,Owner,type\nA,x@example.test,UPSELL\n'
  test.each([
    [
      { columns: { Deal: 'name', Owner: 'ownerEmail' }, constants: { name: 'X' } },
      'mapping.constants.name',
      '"name" wordt twee keer gevuld: door kolom "Deal" en door een vaste waarde; koppel het één keer',
    ],
    [
      { columns: { Missing: 'name' } },
      'mapping.columns.Missing',
      'het bestand heeft geen kolom "Missing"; de kolommen zijn Deal, Owner, type',
    ],
    [
      { columns: { Deal: 'name' }, format: { delimiter: '|' } },
      'mapping.format.delimiter',
      'moet een van ",", ";", "\\t" zijn',
    ],
    [
      { columns: { Deal: 'name' }, format: { quote: "'" } },
      'mapping.format',
      'quote is geen formaatinstelling: gebruik encoding, delimiter, decimal, thousands, dateOrder, sheet',
    ],
    [
      { values: { status: 'WON' } },
      'mapping.values.status',
      'moet hun waarden aan de onze koppelen: {"hun waarde": "onze waarde"}',
    ],
  ])('%j → 400 at %s in Dutch', async (mapping, field, message) => {
    const { status, body } = await kit.upload('deals', csv, { dryRun: true, mapping, language: 'nl' })
    expect(status).toBe(400)
    expect(body).toEqual({ error: 'validation_failed', field, message })
  })

  test('an unknown field names the fields that exist; without Accept-Language the person’s own language counts', async () => {
    await sql('UPDATE users SET locale = $1 WHERE id = $2', ['nl', kit.tenant.admin.id])
    const { status, body } = await kit.upload('deals', csv, { dryRun: true, mapping: { columns: { Deal: 'nosuch' } } })
    expect(status).toBe(400)
    expect(body).toMatchObject({ field: 'mapping.columns.Deal' })
    expect(body['message']).toMatch(/^deals hebben geen veld "nosuch": gebruik een van externalId, name, /)
    const english = await kit.upload('deals', csv, { dryRun: true, mapping: { Deal: 'nosuch' }, language: 'en-GB' })
    expect(english.body['message']).toMatch(/^deals have no field "nosuch": use one of externalId, name, /)
  })

  test('a saved mapping is refused in Dutch too, and a form without a file', async () => {
    const saved = await fetch(`${kit.base}/api/import/deals/mappings/Maven`, {
      method: 'PUT',
      headers: { ...kit.admin.headers, 'content-type': 'application/json', 'accept-language': 'nl' },
      body: JSON.stringify({ mapping: { constants: { nosuch: '1' } } }),
    })
    expect(saved.status).toBe(400)
    expect(await saved.json()).toMatchObject({
      field: 'mapping.constants.nosuch',
      message: expect.stringMatching(/^deals hebben geen veld "nosuch"/),
    })
    const form = new FormData()
    form.append('mapping', '{}')
    const noFile = await fetch(`${kit.base}/api/import/deals?dryRun=true`, {
      method: 'POST',
      headers: { ...kit.admin.headers, 'accept-language': 'nl' },
      body: form,
    })
    expect(noFile.status).toBe(400)
    expect(await noFile.json()).toEqual({
      error: 'validation_failed',
      field: 'body.file',
      message: 'het formulier bevat geen bestand',
    })
  })
})

describe('field descriptions', () => {
  test('labels, hints and allowed values in the request’s language', async () => {
    const response = await fetch(`${kit.base}/api/import/deals/fields`, {
      headers: { ...kit.admin.headers, 'accept-language': 'nl' },
    })
    const { fields } = (await response.json()) as { fields: Record<string, unknown>[] }
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'ownerEmail',
          label: 'Eigenaar',
          hint: 'e-mail, externe id of naam van een persoon',
        }),
        expect.objectContaining({ name: 'status', label: 'Status', allowed: ['OPEN', 'WON', 'LOST'] }),
      ]),
    )
  })
})

describe('saved mappings and presets', () => {
  test('save, list (with the presets), replace and delete; audited', async () => {
    const url = `${kit.base}/api/import/deals/mappings/Maven%20CRM`
    const put = (mapping: object) =>
      fetch(url, {
        method: 'PUT',
        headers: { ...kit.admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ mapping }),
      })
    expect((await put(mavenMapping)).status).toBe(200)
    expect((await put({ ...mavenMapping, constants: { type: 'UPSELL' } })).status).toBe(200)
    const bad = await put({ constants: { nosuch: '1' } })
    expect(bad.status).toBe(400)
    const list = (await (
      await fetch(`${kit.base}/api/import/deals/mappings`, { headers: kit.admin.headers })
    ).json()) as {
      saved: { source: string; mapping: { constants: object } }[]
      presets: { id: string }[]
    }
    expect(list.saved).toEqual([
      expect.objectContaining({
        source: 'Maven CRM',
        mapping: expect.objectContaining({ constants: { type: 'UPSELL' } }),
      }),
    ])
    expect(list.presets.map((p) => p.id)).toEqual(['hubspot', 'pipedrive', 'salesforce'])
    expect((await fetch(url, { method: 'DELETE', headers: kit.admin.headers })).status).toBe(204)
    expect((await fetch(url, { method: 'DELETE', headers: kit.admin.headers })).status).toBe(404)
    const audit = await sql(
      `SELECT action FROM audit_log WHERE organization_id = $1 AND entity = 'import_mapping' ORDER BY id`,
      [kit.tenant.organizationId],
    )
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual([
      'import_mapping.saved',
      'import_mapping.saved',
      'import_mapping.deleted',
    ])
  })

  const presetFiles: Record<string, (owner: string) => string> = {
    hubspot: (owner) =>
      [
        'Record ID,Deal Name,Deal owner,Associated Company,Deal Stage,Deal Type,Amount,Create Date,Close Date,Pipeline',
        `H-1,Big one,${owner},,Closed Won,New Business,1200,2026-01-05,2026-02-01,Sales Pipeline`,
        `H-2,Open one,${owner},,Contract Sent,Existing Business,300,2026-01-06,2026-04-30,Sales Pipeline`,
        `H-3,Lost one,${owner},,Closed Lost,,50,2026-01-07,2026-02-03,Sales Pipeline`,
      ].join('\n'),
    pipedrive: (owner) =>
      [
        'Deal - ID,Deal - Title,Deal - Owner,Deal - Organization,Deal - Stage,Deal - Status,Deal - Value,Deal - Probability,Deal - Deal created,Deal - Expected close date,Deal - Deal closed on',
        `P-1,Won deal,${owner},,Negotiations Started,won,1200,100,2026-01-05,2026-02-01,2026-02-01`,
        `P-2,Open deal,${owner},,Proposal Made,open,300,40,2026-01-06,2026-04-30,`,
      ].join('\n'),
    salesforce: (owner) =>
      [
        'Opportunity ID,Opportunity Name,Opportunity Owner,Account Name,Stage,Type,Amount,Probability (%),Created Date,Close Date,Won,Closed',
        `006A,Won deal,${owner},,Closed Won,New Business,1200,100,2026-01-05,2026-02-01,1,1`,
        `006B,Open deal,${owner},,Negotiation/Review,Existing Business,300,90,2026-01-06,2026-04-30,0,0`,
      ].join('\n'),
  }

  test.each(['hubspot', 'pipedrive', 'salesforce'])(
    'a file in the %s preset’s columns imports as it is',
    async (id) => {
      const list = (await (
        await fetch(`${kit.base}/api/import/deals/mappings`, { headers: kit.admin.headers })
      ).json()) as {
        presets: { id: string; mapping: object }[]
      }
      const preset = list.presets.find((p) => p.id === id)!
      // Owners by name, as CRMs export them.
      const rep = kit.tenant.teams[0].reps[0]
      const csv = presetFiles[id]!(rep.name)
      const { status, body } = await kit.upload('deals', csv, { mapping: preset.mapping })
      expect({ status, errors: body['errors'] }).toMatchObject({ status: 200 })
      const stored = await sql(
        `SELECT status, (closed_at IS NOT NULL) AS closed, (expected_close_at IS NOT NULL) AS expected, owner_id
         FROM deals WHERE organization_id = $1 ORDER BY external_id`,
        [kit.tenant.organizationId],
      )
      expect(stored.rows.every((r: { owner_id: number }) => r.owner_id === rep.id)).toBe(true)
      expect(stored.rows.map((r: { status: string; closed: boolean }) => `${r.status} ${r.closed}`)).toEqual(
        id === 'hubspot' ? ['WON true', 'OPEN false', 'LOST true'] : ['WON true', 'OPEN false'],
      )
    },
  )
})

import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { expect, test } from 'vitest'
import { useImportKit } from './import-test-kit.ts'

// Files as spreadsheet programs write them, through the real HTTP import, checked in the database. Each test has
// an organisation of its own (time zone Europe/Amsterdam: UTC+1 in March until the 29th, UTC+2 after).

const kit = useImportKit()

async function storedDeals() {
  const { rows } = await kit.db.pool.query(
    `SELECT external_id, name, amount::text, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS created,
            to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS closed
       FROM deals WHERE organization_id = $1 ORDER BY external_id`,
    [kit.tenant.organizationId],
  )
  return rows
}

const HEADER = [
  'externalId',
  'name',
  'ownerEmail',
  'type',
  'stage',
  'probability',
  'status',
  'amount',
  'createdAt',
  'closedAt',
]

test('a Dutch Excel "CSV (;)" file (Windows-1252, 4.500,00, 15-03-2026) imports as written', async () => {
  const rep = kit.tenant.teams[0].reps[0].email
  const lines = [
    HEADER.join(';'),
    `D-1;Café Ëlise;${rep};NEW_BUSINESS;Won;100;WON;4.500,00;15-03-2026;20-03-2026 14:30`,
    ';;;;;;;;;', // a blank row as Excel writes it: skipped, still counted
    `D-2;"Bakkerij ""De Zon""";${rep};UPSELL;Proposal;40;OPEN;1.234.567,5;01-04-2026;`,
    `D-3;Ørsted;${rep};RENEWAL;Lost;0;LOST;-5;02-04-2026;03-04-2026`,
  ]
  const bytes = iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1252')

  const failed = await kit.upload('deals', bytes)
  expect(failed.status).toBe(422)
  // The spreadsheet's row (header 1, blank row 3), the column as in the file.
  expect(failed.body['errors']).toEqual([{ row: 5, column: 'amount', value: '-5', message: expect.any(String) }])
  expect(failed.body['format']).toMatchObject({
    encoding: 'windows-1252',
    delimiter: ';',
    decimal: ',',
    dateOrder: 'DMY',
  })

  const fixed = iconv.encode(`${lines.slice(0, 4).join('\r\n')}\r\n`, 'windows-1252')
  expect(await kit.upload('deals', fixed)).toMatchObject({ status: 200, body: { inserted: 2 } })
  expect(await storedDeals()).toEqual([
    // 15-03-2026 is midnight in Amsterdam (UTC+1); 20-03-2026 14:30 is 14:30 there.
    {
      external_id: 'D-1',
      name: 'Café Ëlise',
      amount: '4500.00',
      created: '2026-03-14 23:00',
      closed: '2026-03-20 13:30',
    },
    // 01-04-2026: summer time (UTC+2)
    { external_id: 'D-2', name: 'Bakkerij "De Zon"', amount: '1234567.50', created: '2026-03-31 22:00', closed: null },
  ])
})

test("an .xlsx upload: the first sheet, date cells, numbers, a blank row; errors name Excel's row", async () => {
  const rep = kit.tenant.teams[0].reps[0].email
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Deals')
  book.addWorksheet('Lookup').addRow(['not read'])
  sheet.addRow(HEADER)
  const row = (id: string, status: string, amount: number | string, created: Date, closed: Date | null) => [
    id,
    `Deal ${id}`,
    rep,
    'UPSELL',
    'Won',
    100,
    status,
    amount,
    created,
    closed,
  ]
  sheet.addRow(row('X-1', 'WON', 4500, new Date(Date.UTC(2026, 2, 15)), new Date(Date.UTC(2026, 2, 20, 14, 30))))
  sheet.getRow(4).values = row('X-2', 'OPEN', 1250.75, new Date(Date.UTC(2026, 3, 1)), null)
  sheet.getRow(5).values = row('X-3', 'OPEN', 'lots', new Date(Date.UTC(2026, 3, 2)), null)
  const bad = Buffer.from(await book.xlsx.writeBuffer())

  const failed = await kit.upload('deals', bad, { fileName: 'deals.xlsx' })
  expect(failed.status).toBe(422)
  expect(failed.body['errors']).toEqual([{ row: 5, column: 'amount', value: 'lots', message: expect.any(String) }])
  expect(failed.body['format']).toMatchObject({ source: 'xlsx', sheet: 'Deals', sheets: ['Deals', 'Lookup'] })

  sheet.spliceRows(5, 1)
  expect(
    await kit.upload('deals', Buffer.from(await book.xlsx.writeBuffer()), { fileName: 'deals.xlsx' }),
  ).toMatchObject({
    status: 200,
    body: { inserted: 2 },
  })
  expect(await storedDeals()).toEqual([
    {
      external_id: 'X-1',
      name: 'Deal X-1',
      amount: '4500.00',
      created: '2026-03-14 23:00',
      closed: '2026-03-20 13:30',
    },
    { external_id: 'X-2', name: 'Deal X-2', amount: '1250.75', created: '2026-03-31 22:00', closed: null },
  ])
})

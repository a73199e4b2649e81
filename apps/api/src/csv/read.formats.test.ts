import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { describe, expect, test } from 'vitest'
import type { ImportFormatOverride } from '@kpi/contract/import'
import { CsvSyntaxError, readRecords, type ReadItem } from './parse.ts'

// Real bytes as the programs write them, read through readRecords: what each file's header says about its format,
// and the records with their spreadsheet rows.

async function read(bytes: Buffer, format?: ImportFormatOverride, chunk = 7) {
  // Small chunks: characters and records cut between chunks, as a network delivers them.
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk)
  }
  const items: ReadItem[] = []
  try {
    for await (const item of readRecords(chunks(), { maxBytes: 50 * 1024 * 1024, ...(format ? { format } : {}) }))
      items.push(item)
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error
    return { items, error: { row: error.row, field: error.field, message: error.message } }
  }
  return { items, error: undefined }
}

// Dutch Excel's "CSV (;)": semicolons, CRLF, Windows-1252, decimal comma, day-first dates, a blank row as `;;;`.
const dutchText = [
  'Deal;Klant;Bedrag;Datum',
  'D-1;Café Ëlise;4.500,00;15-03-2026',
  ';;;',
  'D-2;"Bakkerij ""De Zon"""; 12,5;01-04-2026',
  '',
].join('\r\n')
const dutch = iconv.encode(dutchText, 'windows-1252')

describe('a Dutch Excel "CSV (;)" file', () => {
  test('is read as Windows-1252 with ";", decimal "," and day-first dates; rows are Excel\'s', async () => {
    expect(dutch.includes(0xe9)).toBe(true) // é is one byte, as Excel writes it
    const { items, error } = await read(dutch)
    expect(error).toBeUndefined()
    expect(items).toEqual([
      {
        header: ['Deal', 'Klant', 'Bedrag', 'Datum'],
        format: {
          source: 'csv',
          encoding: 'windows-1252',
          delimiter: ';',
          decimal: ',',
          thousands: '.',
          dateOrder: 'DMY',
          sheet: null,
          sheets: [],
          detected: ['encoding', 'delimiter', 'decimal', 'thousands', 'dateOrder'],
        },
      },
      { row: 2, values: ['D-1', 'Café Ëlise', '4.500,00', '15-03-2026'] },
      // row 3 is the blank row
      { row: 4, values: ['D-2', 'Bakkerij "De Zon"', ' 12,5', '01-04-2026'] },
    ])
  })

  test('overrides beat detection', async () => {
    const { items } = await read(dutch, { decimal: '.', thousands: ',', dateOrder: 'MDY' })
    expect(items[0]).toMatchObject({
      format: { decimal: '.', thousands: ',', dateOrder: 'MDY', detected: ['encoding', 'delimiter'] },
    })
    // Read as Latin text in UTF-8 it is refused at the é (row 2, column 2), not turned into "Caf�".
    const declared = await read(dutch, { encoding: 'utf-8' })
    expect(declared.error).toEqual({
      row: 2,
      field: 1,
      message: 'not UTF-8 text (byte 0xE9): save the file as CSV UTF-8, or choose the encoding Windows-1252',
    })
    expect(declared.items).toEqual([expect.objectContaining({ header: ['Deal', 'Klant', 'Bedrag', 'Datum'] })])
    // A delimiter override: read with "," the quote in the middle of row 4's first field is not CSV.
    const comma = await read(dutch, { delimiter: ',' })
    expect(comma.error).toMatchObject({ row: 4, message: expect.stringContaining('Invalid Opening Quote') })
  })
})

test('UTF-16 LE with BOM (Excel\'s "Unicode text": tabs) is read, characters split across chunks', async () => {
  const text = 'externalId\tname\tamount\r\nD-1\tZoë 😀\t4500.5\r\n'
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
  const { items, error } = await read(bytes, undefined, 3)
  expect(error).toBeUndefined()
  expect(items).toEqual([
    {
      header: ['externalId', 'name', 'amount'],
      format: expect.objectContaining({ encoding: 'utf-16le', delimiter: '\t', decimal: '.' }),
    },
    { row: 2, values: ['D-1', 'Zoë 😀', '4500.5'] },
  ])
})

test('a UTF-8 file with a BOM keeps its text; a byte Windows-1252 does not define is an error, not U+FFFD', async () => {
  const { items } = await read(Buffer.from('\uFEFFname\nZoë\n'))
  expect(items).toEqual([
    expect.objectContaining({ header: ['name'], format: expect.objectContaining({ encoding: 'utf-8' }) }),
    { row: 2, values: ['Zoë'] },
  ])
  const bad = await read(Buffer.from([...Buffer.from('name\ncaf'), 0xe9, 0x0a, 0x81, 0x0a]))
  expect(bad.error).toMatchObject({ row: 3, message: "not Windows-1252 text (byte 0x81): choose the file's encoding" })
})

describe('.xlsx', () => {
  async function workbook(): Promise<Buffer> {
    const book = new ExcelJS.Workbook()
    const notes = book.addWorksheet('Notes')
    notes.addRow(['nothing to import here'])
    const deals = book.addWorksheet('Deals 2026')
    deals.addRow(['externalId', 'name', 'amount', 'createdAt', 'closedAt', 'won'])
    deals.addRow([
      'D-1',
      'Café Ëlise',
      4500,
      new Date(Date.UTC(2026, 2, 15)),
      new Date(Date.UTC(2026, 2, 20, 14, 30)),
      true,
    ])
    // row 3 left blank: Excel shows it, so the next record is row 4
    deals.getRow(4).values = [
      'D-2',
      { richText: [{ text: 'Bakkerij ' }, { text: 'De Zon', font: { bold: true } }] },
      { formula: '1000.25*2', result: 2000.5 },
      new Date(Date.UTC(2026, 3, 1)),
      null,
      false,
    ]
    deals.getRow(5).values = ['D-3', { text: 'Site', hyperlink: 'https://example.test' }, 0.1 + 0.2]
    return Buffer.from(await book.xlsx.writeBuffer())
  }

  test('the chosen sheet: cells as CSV text, dates ISO (with a time when they have one), Excel rows', async () => {
    const { items, error } = await read(await workbook(), { sheet: 'Deals 2026' }, 1000)
    expect(error).toBeUndefined()
    expect(items).toEqual([
      {
        header: ['externalId', 'name', 'amount', 'createdAt', 'closedAt', 'won'],
        format: {
          source: 'xlsx',
          encoding: null,
          delimiter: null,
          decimal: '.',
          thousands: '',
          dateOrder: 'YMD',
          sheet: 'Deals 2026',
          sheets: ['Notes', 'Deals 2026'],
          detected: [],
        },
      },
      { row: 2, values: ['D-1', 'Café Ëlise', '4500', '2026-03-15', '2026-03-20T14:30:00', 'true'] },
      { row: 4, values: ['D-2', 'Bakkerij De Zon', '2000.5', '2026-04-01', '', 'false'] },
      { row: 5, values: ['D-3', 'Site', '0.3', '', '', ''] },
    ])
  })

  test('the first sheet by default; an unknown sheet is a row-0 error listing the sheets', async () => {
    const bytes = await workbook()
    expect((await read(bytes, undefined, 1000)).items[0]).toMatchObject({
      header: ['nothing to import here'],
      format: { sheet: 'Notes' },
    })
    expect((await read(bytes, { sheet: 'Deals' }, 1000)).error).toEqual({
      row: 0,
      field: undefined,
      message: 'no sheet "Deals"; the file has "Notes", "Deals 2026"',
    })
  })
})

import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { File as NodeFile } from 'node:buffer'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { MANAGER_ME } from '../../test/app-shell-answers.ts'
import { renderAppAt } from '../../test/render-app.tsx'
import { json, notFound, startTestApi, type TestApi, type TestRequest } from '../../test/test-api.ts'
import type { ImportFormat, ImportReport } from '@kpi/contract/import'

// The whole wizard at /admin/import against the fake HTTP, answering as POST /api/import/deals does (issue 17's
// contract): a dry run with only a format reads the header (`columns` = the API's own match) and the detected
// format; a dry run with a mapping checks it and lists the values of an enum field that fit none (`unmatched`).

const ADMIN_ME = { ...MANAGER_ME, user: { ...MANAGER_ME.user, role: 'admin' } }
const field = (name: string, kind: string, required: boolean, label: string, hint: string, allowed?: string[]) => ({
  name,
  kind,
  required,
  label,
  hint,
  ...(allowed ? { allowed } : {}),
})
const FIELDS = {
  en: [
    field('externalId', 'text', false, 'External id', 'your id of the deal'),
    field('name', 'text', true, 'Deal name', 'text'),
    field('ownerEmail', 'ref', true, 'Owner', 'e-mail, external id or name'),
    field('type', 'enum', true, 'Type', 'one of the values', ['NEW_BUSINESS', 'EXPANSION', 'RENEWAL']),
    field('status', 'enum', true, 'Status', 'one of the values', ['OPEN', 'WON', 'LOST']),
    field('amount', 'money', true, 'Amount', 'e.g. 4500.00'),
    field('createdAt', 'instant', true, 'Created', 'a date'),
    field('closedAt', 'instant', false, 'Closed', 'a date'),
  ],
  nl: [
    field('externalId', 'text', false, 'Extern id', 'jouw id van de deal'),
    field('name', 'text', true, 'Dealnaam', 'tekst'),
    field('ownerEmail', 'ref', true, 'Eigenaar', 'e-mail, extern id of naam'),
    field('type', 'enum', true, 'Soort', 'een van de waarden', ['NEW_BUSINESS', 'EXPANSION', 'RENEWAL']),
    field('status', 'enum', true, 'Status', 'een van de waarden', ['OPEN', 'WON', 'LOST']),
    field('amount', 'money', true, 'Bedrag', 'bijv. 4500,00'),
    field('createdAt', 'instant', true, 'Aangemaakt', 'een datum'),
    field('closedAt', 'instant', false, 'Gesloten', 'een datum'),
  ],
}
const HEADERS = ['Deal', 'Verkoper', 'Fase', 'Waarde', 'Sluitdatum']
const DUTCH_CSV: ImportFormat = {
  source: 'csv',
  encoding: 'windows-1252',
  delimiter: ';',
  decimal: ',',
  thousands: '.',
  dateOrder: 'DMY',
  sheet: null,
  sheets: [],
  detected: ['encoding', 'delimiter', 'decimal', 'thousands', 'dateOrder'],
}
const WORKBOOK: ImportFormat = {
  ...DUTCH_CSV,
  source: 'xlsx',
  encoding: null,
  delimiter: null,
  sheet: 'Deals',
  sheets: ['Deals', 'Notes'],
  detected: ['decimal', 'thousands', 'dateOrder'],
}

type Sent = { columns?: Record<string, unknown>; constants?: object; values?: Record<string, object>; format?: object }
/** The `mapping` part of a multipart upload, as the API reads it. */
const mappingOf = (request: TestRequest): Sent =>
  JSON.parse(/name="mapping"\r\n\r\n(.*)\r\n/.exec(String(request.body))![1]!) as Sent
const posts = (api: TestApi) => api.requests.filter((r) => r.method === 'POST').map(mappingOf)

function report(sent: Sent, format: ImportFormat): ImportReport {
  const reading = sent.columns === undefined
  // The Engaging rows are unknown until translated: 2 of the 3 data rows (spreadsheet rows 2 and 4).
  const translated = (sent.values?.status as Record<string, string> | undefined)?.Engaging === 'OPEN'
  const errors =
    reading || translated ? [] : [{ row: 2, column: 'Fase', value: 'Engaging', message: '"Engaging" is no status' }]
  return {
    entity: 'deals',
    rows: 3,
    repeated: 0,
    valid: 3 - (errors.length ? 2 : 0),
    errorCount: errors.length ? 2 : 0,
    errors,
    preview: [],
    columns: Object.fromEntries(HEADERS.map((h) => [h, null])),
    format: { ...format, ...(sent.format ?? {}) },
    unmatched: reading || translated ? {} : { status: [{ value: 'Engaging', rows: 2 }] },
  }
}

/**
 * jsdom's FormData and Blob cannot reach Node's fetch as a multipart body (jsdom's Blob has no stream(); Node's
 * FormData gets a wrong content-length across the two realms). The upload is written out here as the browser
 * writes it — the e2e test sends the browser's own.
 */
class UploadForm {
  readonly parts: [string, string | Blob, string | undefined][] = []
  append(name: string, value: string | Blob, fileName?: string) {
    this.parts.push([name, value, fileName])
  }
}
const upload = (parts: string[], name: string) => new NodeFile(parts, name) as unknown as File
beforeEach(() => {
  const realFetch = globalThis.fetch
  vi.stubGlobal('FormData', UploadForm)
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!(init?.body instanceof UploadForm)) return realFetch(input, init)
    let body = ''
    for (const [name, value, fileName] of init.body.parts) {
      const disposition = fileName ? `name="${name}"; filename="${fileName}"` : `name="${name}"`
      const text = typeof value === 'string' ? value : await value.text()
      body += `--b\r\ncontent-disposition: form-data; ${disposition}\r\n\r\n${text}\r\n`
    }
    const headers = { ...(init.headers as Record<string, string>), 'content-type': 'multipart/form-data; boundary=b' }
    return realFetch(input, { ...init, headers, body: `${body}--b--\r\n` })
  })
})
afterEach(() => vi.unstubAllGlobals())

let api: TestApi | undefined
async function openWizard(options: { locale?: 'en' | 'nl'; format?: ImportFormat } = {}) {
  const locale = options.locale ?? 'en'
  api = await startTestApi((request) => {
    const { path, method } = request
    if (path === '/api/me') return json(200, ADMIN_ME)
    if (path === '/api/import/deals/fields') return json(200, { entity: 'deals', fields: FIELDS[locale] })
    if (path === '/api/import/deals/mappings' && method === 'GET')
      return json(200, {
        saved: [{ source: 'Maven CRM', mapping: { columns: { Fase: 'status' } }, updatedAt: '2026-12-01T10:00:00Z' }],
        presets: [{ id: 'hubspot', name: 'HubSpot', mapping: { columns: { 'Deal Name': 'name' } } }],
      })
    if (path.startsWith('/api/import/deals/mappings/') && method === 'PUT')
      return json(200, { source: 'Maven CRM', mapping: {}, updatedAt: '2026-12-02T10:00:00Z' })
    if (path === '/api/import/deals' && request.query.get('dryRun') === 'true')
      return json(200, report(mappingOf(request), options.format ?? DUTCH_CSV))
    if (path === '/api/import/deals')
      return json(200, { entity: 'deals', rows: 3, inserted: 3, updated: 0, unchanged: 0, repeated: 0 })
    return notFound(request)
  })
  renderAppAt('/admin/import', { locale })
}
afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

async function pickFile(options: { source?: string; name?: string } = {}) {
  if (options.source) {
    await screen.findByRole('option', { name: options.source })
    fireEvent.change(screen.getByLabelText('Start from'), {
      target: { value: screen.getByRole<HTMLOptionElement>('option', { name: options.source }).value },
    })
  }
  const file = upload(['Deal;Verkoper;Fase;Waarde;Sluitdatum\r\n'], options.name ?? 'deals.csv')
  fireEvent.change(await screen.findByLabelText(/^File/), { target: { files: [file] } })
  fireEvent.click(screen.getByRole('button', { name: 'Next' }))
  await screen.findByRole('table', { name: /Columns in/ })
}

describe('import wizard', { timeout: 20_000 }, () => {
  test('pick: the required columns with label, hint and allowed values before upload; CSV, TXT, TSV and .xlsx', async () => {
    await openWizard()
    const required = await screen.findByRole('region', { name: 'Columns the file must have' })
    expect(
      within(required)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Deal name — text',
      'Owner — e-mail, external id or name',
      'Type — one of the values (one of: NEW_BUSINESS, EXPANSION, RENEWAL)',
      'Status — one of the values (one of: OPEN, WON, LOST)',
      'Amount — e.g. 4500.00',
      'Created — a date',
    ])
    expect(screen.getByLabelText(/^File/).getAttribute('accept')).toMatch(/^\.csv,\.txt,\.tsv,\.xlsx,/)
    expect(await screen.findByRole('option', { name: 'Maven CRM' })).toBeTruthy()
    expect(screen.getByRole('option', { name: 'HubSpot' })).toBeTruthy()
  })

  test('map: the file is read with only its format; one column fills two fields, a constant; the check sends both', async () => {
    await openWizard()
    await pickFile()
    expect(posts(api!)).toEqual([{}])
    expect(screen.getByRole('note').textContent).toBe(
      'Semicolon-separated, decimal comma, amounts like 4.500,00, dates like 31-12-2026, Windows-1252',
    )
    fireEvent.change(screen.getByLabelText('Sluitdatum'), { target: { value: 'closedAt' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sluitdatum: fill one more field' }))
    fireEvent.change(screen.getByLabelText('Sluitdatum also fills'), { target: { value: 'createdAt' } })
    fireEvent.change(screen.getByLabelText('Verkoper'), { target: { value: 'ownerEmail' } })
    expect(screen.getByText('e-mail, external id or name')).toBeTruthy() // the hint under the chosen field
    const constants = screen.getByRole('group', { name: 'Same value on every row' })
    fireEvent.change(within(constants).getByLabelText('Field'), { target: { value: 'type' } })
    fireEvent.change(within(constants).getByLabelText('Value'), { target: { value: 'NEW_BUSINESS' } })
    fireEvent.click(within(constants).getByRole('button', { name: 'Add value for every row' }))
    expect(within(constants).getByText(/every row: Type = NEW_BUSINESS/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Check the file' }))
    await screen.findByRole('region', { name: 'Values we do not know' })
    expect(posts(api!)[1]).toMatchObject({
      columns: { Sluitdatum: ['closedAt', 'createdAt'], Verkoper: 'ownerEmail' },
      constants: { type: 'NEW_BUSINESS' },
    })
  })

  test('format override: another delimiter reads the file again with it', async () => {
    await openWizard()
    await pickFile()
    fireEvent.change(screen.getByLabelText('Columns separated by'), { target: { value: ',' } })
    await waitFor(() => expect(posts(api!)).toEqual([{}, { format: { delimiter: ',' } }]))
    await waitFor(() => expect(screen.getByRole('note').textContent).toMatch(/^Comma-separated, /))
  })

  test('sheet choice: an .xlsx shows its sheets; another one is read', async () => {
    await openWizard({ format: WORKBOOK })
    await pickFile({ name: 'deals.xlsx' })
    expect(screen.getByRole('note').textContent).toBe(
      'Excel sheet “Deals”, decimal comma, amounts like 4.500,00, dates like 31-12-2026',
    )
    const sheet = screen.getByLabelText<HTMLSelectElement>('Sheet')
    expect([...sheet.options].map((o) => o.value)).toEqual(['Deals', 'Notes'])
    fireEvent.change(sheet, { target: { value: 'Notes' } })
    await waitFor(() => expect(posts(api!)[1]).toEqual({ format: { sheet: 'Notes' } }))
    await waitFor(() => expect(screen.getByRole('note').textContent).toMatch(/^Excel sheet “Notes”/))
  })

  test('check: a value translation goes into mapping.values and the file is checked again; saved, then imported', async () => {
    await openWizard()
    await pickFile({ source: 'Maven CRM' })
    // The saved mapping decided Fase → status
    expect(screen.getByLabelText<HTMLSelectElement>('Fase').value).toBe('status')
    fireEvent.click(screen.getByRole('button', { name: 'Check the file' }))
    const errors = await screen.findByRole('table', { name: 'Rows with errors' })
    expect(
      within(errors)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', 'Fase', 'Engaging', '"Engaging" is no status'])
    fireEvent.change(screen.getByLabelText('Engaging (2 rows)'), { target: { value: 'OPEN' } })
    await screen.findByRole('button', { name: 'Import 3 rows' })
    expect(posts(api!)[2]).toMatchObject({ columns: { Fase: 'status' }, values: { status: { Engaging: 'OPEN' } } })
    expect(screen.getByLabelText<HTMLInputElement>('Save this mapping as…').value).toBe('Maven CRM')
    fireEvent.click(screen.getByRole('button', { name: 'Import 3 rows' }))
    expect(await screen.findByText('Imported 3 rows: 3 new, 0 updated, 0 unchanged.')).toBeTruthy()
    expect(api!.lines().filter((l) => !l.startsWith('GET'))).toEqual([
      'POST /api/import/deals?dryRun=true',
      'POST /api/import/deals?dryRun=true',
      'POST /api/import/deals?dryRun=true',
      'PUT /api/import/deals/mappings/Maven%20CRM',
      'POST /api/import/deals?dryRun=false',
    ])
    expect(screen.getByRole('link', { name: 'See the figures on the dashboard' }).getAttribute('href')).toBe('/')
  })

  test('Dutch: the wizard speaks Dutch and asks the API for Dutch labels and messages', async () => {
    await openWizard({ locale: 'nl' })
    const required = await screen.findByRole('region', { name: 'Kolommen die het bestand moet hebben' })
    expect(within(required).getByText('Eigenaar')).toBeTruthy()
    const file = upload(['Deal;Verkoper\r\n'], 'deals.csv')
    fireEvent.change(screen.getByLabelText(/^Bestand/), { target: { files: [file] } })
    fireEvent.click(screen.getByRole('button', { name: 'Volgende' }))
    await screen.findByRole('table', { name: /Kolommen in/ })
    expect(screen.getByRole('note').textContent).toBe(
      "Gescheiden door puntkomma's, decimale komma, bedragen als 4.500,00, datums als 31-12-2026, Windows-1252",
    )
    expect(
      api!.requests.filter((r) => r.path.startsWith('/api/import')).map((r) => r.headers['accept-language']),
    ).toEqual(['nl', 'nl', 'nl'])
  })
})

import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import conflictSettingsJson from '../testing/fixtures/conflict-settings.json'
import holidaysJson from '../testing/fixtures/holidays.json'
import invalidSettingsJson from '../testing/fixtures/invalid-settings.json'
import requireTwoFactorRefusedJson from '../testing/fixtures/require-two-factor-refused.json'
import settingsJson from '../testing/fixtures/settings.json'
import timeZonePreviewJson from '../testing/fixtures/time-zone-preview.json'
import { I18nProvider } from '../../../i18n/i18n.tsx'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderWithQueries } from '../../../test/render.tsx'
import { renderWithRouter } from '../../../test/render-with-router.tsx'
import { notFound, patchVersioned, startTestApi } from '../../../test/test-api.ts'
import type { TestApi, TestRequest } from '../../../test/test-api.ts'
import { SettingsSection } from './SettingsSection.tsx'
import { Holidays, Settings } from '@kpi/contract/settings'

// Demo Sales B.V. as the real API answers it (Europe/Amsterdam, EUR, fiscal year from January, version 1), and
// the settings a colleague's save left in the recorded 409: currency USD, version 2.
const theirs = Settings.parse(conflictSettingsJson.current)
const recordedHolidays = Holidays.parse(holidaysJson)

let api: TestApi
let settings: Settings
let holidays: Holidays
/** Whether the signed-in admin has two-factor codes of their own (the API refuses to require them otherwise). */
let adminHasCodes: boolean

function answer(request: TestRequest) {
  const { method, path } = request
  if (method === 'GET' && path === '/api/settings') return { status: 200, body: settings }
  if (method === 'GET' && path === '/api/settings/holidays') return { status: 200, body: holidays }
  // Recorded for America/New_York on the demo data: 0 bare dates, 72,326 timed moments, 1,618 change day.
  if (
    method === 'GET' &&
    path === '/api/settings/time-zone-preview' &&
    request.query.get('timeZone') === 'America/New_York'
  )
    return { status: 200, body: timeZonePreviewJson }
  if (method === 'PUT' && path === '/api/settings/holidays') {
    const result = patchVersioned(holidays, request.body)
    if (result.status === 409) return result
    holidays = result.row
    return { status: 200, body: holidays }
  }
  if (method === 'PATCH' && path === '/api/settings') {
    if ((request.body as { timeZone?: string }).timeZone === 'Mars/Olympus')
      return { status: 400, body: invalidSettingsJson }
    if ((request.body as { requireTwoFactor?: boolean }).requireTwoFactor === true && !adminHasCodes)
      return { status: 400, body: requireTwoFactorRefusedJson }
    const result = patchVersioned(settings, request.body)
    if (result.status === 409) return result
    settings = result.row
    return { status: 200, body: settings }
  }
  return notFound(request)
}

beforeEach(async () => {
  settings = Settings.parse(settingsJson)
  holidays = recordedHolidays
  adminHasCodes = false
  api = await startTestApi(answer)
})
afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api.close()
})

const patches = () => api.requests.filter((r) => r.method === 'PATCH').map((r) => r.body)
const input = (label: RegExp) => screen.getByLabelText(label) as HTMLInputElement
const settingsForm = () => screen.getByRole('form', { name: 'Settings' })
const conflictCells = (field: string) =>
  [...screen.getByRole('rowheader', { name: field }).closest('tr')!.querySelectorAll('td')].map((td) => td.textContent)

describe('SettingsSection', { timeout: 20_000 }, () => {
  test('sends only the changed field with the version it was based on', async () => {
    renderWithQueries(<SettingsSection />)
    await screen.findByText('Demo Sales B.V.')
    expect(input(/^Time zone/).value).toBe('Europe/Amsterdam')
    const fiscal = screen.getByLabelText('Fiscal year starts in') as HTMLSelectElement
    expect(fiscal.selectedOptions[0]!.textContent).toBe('January')
    fireEvent.change(input(/^Currency/), { target: { value: 'GBP' } })
    fireEvent.click(within(settingsForm()).getByRole('button', { name: 'Save' }))
    await within(settingsForm()).findByRole('status')
    expect(patches()).toEqual([{ currency: 'GBP', version: 1 }])
    expect(settings).toMatchObject({ currency: 'GBP', version: 2 })
  })

  test('another time zone says what will move before Save; saved, the note goes', async () => {
    renderWithQueries(<SettingsSection />)
    await screen.findByText('Demo Sales B.V.')
    fireEvent.change(input(/^Time zone/), { target: { value: 'America/New_Yo' } })
    expect(screen.queryByText(/Changing the time zone/)).toBeNull() // half typed: nothing asked
    fireEvent.change(input(/^Time zone/), { target: { value: 'America/New_York' } })
    const note = await screen.findByText('Changing the time zone from Europe/Amsterdam to America/New_York:')
    expect([...note.parentElement!.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'Changing the time zone from Europe/Amsterdam to America/New_York:',
      'No dates were entered without a time.',
      '72,326 moments entered with a time keep their moment; 1,618 of them will show on another day.',
    ])
    expect(api.lines()).toContain('GET /api/settings/time-zone-preview?timeZone=America%2FNew_York')
    expect(patches()).toEqual([]) // a preview, not a save
    fireEvent.click(within(settingsForm()).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(patches()).toEqual([{ timeZone: 'America/New_York', version: 1 }]))
    await waitFor(() => expect(screen.queryByText(/Changing the time zone/)).toBeNull())
  })

  test('the preview in Dutch, with its plurals', async () => {
    renderWithQueries(
      <I18nProvider locale="nl">
        <SettingsSection />
      </I18nProvider>,
    )
    await screen.findByText('Demo Sales B.V.')
    fireEvent.change(screen.getByLabelText(/^Tijdzone/), { target: { value: 'America/New_York' } })
    const note = await screen.findByText('De tijdzone wijzigen van Europe/Amsterdam naar America/New_York:')
    expect([...note.parentElement!.querySelectorAll('p')].slice(1).map((p) => p.textContent)).toEqual([
      'Er zijn geen datums zonder tijd ingevoerd.',
      '72.326 momenten ingevoerd met een tijd houden hun moment; 1.618 ervan vallen dan op een andere dag.',
    ])
  })

  test('a rejected time zone shows the message under the time zone input', async () => {
    renderWithQueries(<SettingsSection />)
    await screen.findByText('Demo Sales B.V.')
    fireEvent.change(input(/^Time zone/), { target: { value: 'Mars/Olympus' } })
    fireEvent.click(within(settingsForm()).getByRole('button', { name: 'Save' }))
    // the recorded answer: 400 validation_failed, field body.timeZone
    await waitFor(() => expect(input(/^Time zone/).getAttribute('aria-invalid')).toBe('true'))
    const message = document.getElementById(input(/^Time zone/).getAttribute('aria-describedby')!)
    expect(message?.textContent).toBe('not an IANA time zone')
    expect(input(/^Currency/).getAttribute('aria-invalid')).toBe('false')
    expect(input(/^Time zone/).value).toBe('Mars/Olympus')
  })

  test('a stale save shows theirs beside yours; "use theirs" loads them and the next save is based on their version', async () => {
    renderWithQueries(<SettingsSection />)
    await screen.findByText('Demo Sales B.V.')
    settings = theirs // a colleague switched the currency to USD meanwhile
    fireEvent.change(screen.getByLabelText('Fiscal year starts in'), { target: { value: '4' } })
    fireEvent.click(within(settingsForm()).getByRole('button', { name: 'Save' }))

    await screen.findByRole('alert')
    expect(conflictCells('Fiscal year starts in')).toEqual(['April', 'January'])
    expect(conflictCells('Currency (ISO code, e.g. EUR)')).toEqual(['EUR', 'USD'])
    expect(conflictCells('Split team targets evenly over reps without a target')).toEqual(['No', 'No'])
    // saving is blocked until the person chooses
    expect((within(settingsForm()).getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true)

    fireEvent.click(screen.getByRole('button', { name: 'Use theirs' }))
    expect(input(/^Currency/).value).toBe('USD')
    expect((screen.getByLabelText('Fiscal year starts in') as HTMLSelectElement).value).toBe('1')
    fireEvent.change(screen.getByLabelText('Fiscal year starts in'), { target: { value: '4' } })
    fireEvent.click(within(settingsForm()).getByRole('button', { name: 'Save' }))
    await within(settingsForm()).findByRole('status')
    // based on their version 2; their currency survives because it is no longer a difference
    expect(patches()).toEqual([
      { fiscalYearStartMonth: 4, version: 1 },
      { fiscalYearStartMonth: 4, version: 2 },
    ])
    expect(settings).toMatchObject({ currency: 'USD', fiscalYearStartMonth: 4, version: 3 })
  })

  test('"keep mine" overwrites every field shown as different with the typed values', async () => {
    renderWithQueries(<SettingsSection />)
    await screen.findByText('Demo Sales B.V.')
    settings = theirs
    fireEvent.change(screen.getByLabelText('Fiscal year starts in'), { target: { value: '4' } })
    fireEvent.click(within(settingsForm()).getByRole('button', { name: 'Save' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Keep mine (overwrite)' }))
    await within(settingsForm()).findByRole('status')
    expect(patches()[1]).toEqual({ currency: 'EUR', fiscalYearStartMonth: 4, version: 2 })
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('holidays: a stale save keeps the typed lines; "use theirs" loads the stored list', async () => {
    renderWithQueries(<SettingsSection />)
    const text = (await screen.findByRole('textbox', { name: /^Holidays/ })) as HTMLTextAreaElement
    expect(text.value.split('\n')[0]).toBe("2024-01-01 New Year's Day")
    // a colleague adds a company day meanwhile
    holidays = { holidays: [...holidays.holidays, { date: '2026-12-24', name: 'Company day' }], version: 2 }
    const typed = `${text.value}\n2026-12-31 New Year's Eve`
    fireEvent.change(text, { target: { value: typed } })
    const form = screen.getByRole('form', { name: /^Holidays/ })
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    await within(form).findByRole('alert')
    expect(text.value).toBe(typed)
    fireEvent.click(within(form).getByRole('button', { name: 'Use theirs' }))
    expect(text.value.split('\n').at(-1)).toBe('2026-12-24 Company day')
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    await within(form).findByRole('status')
    const versions = api.requests.filter((r) => r.method === 'PUT').map((r) => (r.body as { version: number }).version)
    expect(versions).toEqual([1, 2])
  })

  test('requiring two-factor codes: refused while the admin has none, with the way to Security; saved once they do', async () => {
    // The refusal holds a router link, so this render has the router as well as the queries.
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
    await renderWithRouter(
      <QueryClientProvider client={client}>
        <SettingsSection />
      </QueryClientProvider>,
    )
    const require = (await screen.findByRole('checkbox', {
      name: 'Require two-factor codes for everyone',
    })) as HTMLInputElement
    expect(require.checked).toBe(false)
    expect(require.getAttribute('aria-describedby')).toBe('settings-requireTwoFactor-hint')
    fireEvent.click(require)
    fireEvent.click(within(settingsForm()).getByRole('button', { name: 'Save' }))

    // the recorded answer: 400 validation_failed, field body.requireTwoFactor
    const refusal = await screen.findByRole('alert')
    expect(refusal.textContent).toBe(
      'Turn on your own two-factor codes first, or you would be locked out too. Go to Security',
    )
    expect(require.getAttribute('aria-invalid')).toBe('true')
    expect(require.getAttribute('aria-describedby')).toContain('settings-requireTwoFactor-error')
    expect(require.checked).toBe(true) // what was typed is kept
    expect(settings.requireTwoFactor).toBe(false)
    const toSecurity = within(refusal).getByRole('link', { name: 'Go to Security' })
    expect(toSecurity.getAttribute('href')).toBe('/me/security')
    fireEvent.click(toSecurity)
    await waitFor(() => expect(window.location.pathname).toBe('/me/security'))

    adminHasCodes = true // they turned theirs on in another tab
    fireEvent.click(within(settingsForm()).getByRole('button', { name: 'Save' }))
    await within(settingsForm()).findByRole('status')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(patches()).toEqual([
      { requireTwoFactor: true, version: 1 },
      { requireTwoFactor: true, version: 1 },
    ])
    expect(settings).toMatchObject({ requireTwoFactor: true, version: 2 })
  })
})

import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import settingsJson from '../testing/fixtures/settings.json'
import conflictTargetJson from '../testing/fixtures/conflict-target.json'
import copyForwardJson from '../testing/fixtures/copy-forward.json'
import targetsAheadJson from '../testing/fixtures/targets-2026-11-to-2027-04.json'
import targetsH1Json from '../testing/fixtures/targets-2026-h1.json'
import teamsJson from '../testing/fixtures/teams.json'
import usersJson from '../testing/fixtures/users.json'
import { I18nProvider } from '../../../i18n/i18n.tsx'
import { renderWithQueries } from '../../../test/render.tsx'
import { notFound, startTestApi } from '../../../test/test-api.ts'
import type { TestApi, TestRequest } from '../../../test/test-api.ts'
import { TargetsSection } from './TargetsSection.tsx'
import { Settings } from '@kpi/contract/settings'
import { TeamList } from '@kpi/contract/teams'
import { UserList } from '@kpi/contract/users'
import { CopyForwardResult, Target, TargetList } from '@kpi/contract/targets'

// The demo organisation's won-revenue month targets as the real API lists them (Jan–Jun 2026 and Nov 2026–
// Apr 2027, where only Nov and Dec are set). Team North is team:1 with reps 3–7; its target is 185,000 a month.
const settings = Settings.parse(settingsJson)
// Team North (1) and South (2) are in region Benelux (9) here; the recorded demo has no regions.
const teams = TeamList.parse(teamsJson)
teams.teams = teams.teams.map((tm) => (tm.id <= 2 ? { ...tm, regionId: 9 } : tm))
const regions = { regions: [{ id: 9, name: 'Benelux', managerId: null, version: 1 }] }
const users = UserList.parse(usersJson)
const theirs = Target.parse(conflictTargetJson.current) // a colleague's save: North, Jan 2026 → 190,000 (v2)
CopyForwardResult.parse(copyForwardJson) // the shape the test API's copy-forward answers below

let api: TestApi
let targets: Target[]
let nextId: number

const nextMonth = (start: string) => {
  const [y, m] = start.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

type PutRow = Omit<Target, 'id' | 'version'> & { version?: number }

/** The API's rules for a bulk PUT: all rows or none; a row whose version is not the stored one is a 409. */
function put(rows: PutRow[]) {
  for (const [index, row] of rows.entries()) {
    const old = targets.find((x) => x.scope === row.scope && x.periodStart === row.periodStart)
    if (row.version !== undefined && old?.version !== row.version) {
      const message = `target changed since version ${row.version}`
      return {
        status: 409,
        body: { error: 'version_conflict', message, field: `body.targets.${index}`, current: old ?? null },
      }
    }
  }
  const saved = rows.map(({ version, ...row }) => {
    const old = targets.find((x) => x.scope === row.scope && x.periodStart === row.periodStart)
    const next = { ...row, id: old?.id ?? nextId++, version: (version ?? 0) + 1 }
    targets = [...targets.filter((x) => x !== old), next]
    return next
  })
  return { status: 200, body: { targets: saved } }
}

/** Copy-forward of monthly targets: each scope's first period into the empty months after it. */
function copyForward(body: { scopes: string[]; periodStart: string; count: number }) {
  const created: Target[] = []
  let skipped = 0
  for (const scope of body.scopes) {
    const first = targets.find((x) => x.scope === scope && x.periodStart === body.periodStart)
    let start = body.periodStart
    for (let i = 0; i < body.count; i++) {
      start = nextMonth(start)
      if (!first) continue
      if (targets.some((x) => x.scope === scope && x.periodStart === start)) skipped++
      else created.push({ ...first, id: nextId++, periodStart: start, version: 1 })
    }
  }
  targets = [...targets, ...created]
  return { status: 200, body: { created, skipped } }
}

function answer(request: TestRequest) {
  const { method, path, query } = request
  if (method === 'GET' && path === '/api/settings') return { status: 200, body: settings }
  if (method === 'GET' && path === '/api/teams') return { status: 200, body: teams }
  if (method === 'GET' && path === '/api/users') return { status: 200, body: users }
  if (method === 'GET' && path === '/api/regions') return { status: 200, body: regions }
  if (method === 'GET' && path === '/api/targets') {
    const from = query.get('from')!
    const to = query.get('to')!
    const hit = (x: Target) => x.kpiKey === query.get('kpiKey') && x.periodStart >= from && x.periodStart <= to
    return { status: 200, body: { targets: targets.filter(hit) } }
  }
  if (method === 'PUT' && path === '/api/targets') return put((request.body as { targets: PutRow[] }).targets)
  if (method === 'POST' && path === '/api/targets/copy-forward') {
    return copyForward(request.body as { scopes: string[]; periodStart: string; count: number })
  }
  return notFound(request)
}

beforeEach(async () => {
  targets = [...TargetList.parse(targetsH1Json).targets, ...TargetList.parse(targetsAheadJson).targets]
  nextId = 10_000
  api = await startTestApi(answer)
})
afterEach(() => api.close())

const sent = (method: string) => api.requests.filter((r) => r.method === method && r.path.startsWith('/api/targets'))
const cell = (name: string) => screen.getByLabelText(`Target for ${name}`) as HTMLInputElement
const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement
const status = () => document.querySelector('.form-actions [role="status"]')?.textContent

const columnHeaders = () => [...document.querySelectorAll('.targets-grid thead th')].map((th) => th.textContent)

/** Renders the grid for the 6 months from `from` and waits until the cells are editable. */
async function openGrid(from: string, locale: 'en' | 'nl' = 'en') {
  renderWithQueries(
    <I18nProvider locale={locale}>
      <TargetsSection />
    </I18nProvider>,
  )
  const fromLabel = locale === 'en' ? 'First period contains' : 'Eerste periode bevat'
  fireEvent.change(await screen.findByLabelText(fromLabel), { target: { value: from } })
  await waitFor(() => expect(document.querySelector('.targets-grid tbody input:not([readonly])')).not.toBeNull())
}

describe('TargetsSection', { timeout: 20_000 }, () => {
  test('shows the team and its reps by month; an edited cell is saved with the version it was read at', async () => {
    await openGrid('2026-01-15')
    const rows = [...document.querySelectorAll('.targets-grid tbody th')].map((th) => th.textContent)
    expect(rows).toEqual(['North', 'Tim Dijkstra', 'Yara de Haan', 'Niels Huisman', 'Daan de Vries', 'Anouk Meijer'])
    const months = ['Jan 2026', 'Feb 2026', 'Mar 2026', 'Apr 2026', 'May 2026', 'Jun 2026']
    expect(columnHeaders()).toEqual(['Team / rep', ...months])
    await waitFor(() => expect(cell('North, Jan 2026').value).toBe('185000'))
    expect(button('Save all (0 changed)').disabled).toBe(true)

    fireEvent.change(cell('North, Jan 2026'), { target: { value: '192500' } })
    fireEvent.click(button('Save all (1 changed)'))
    await waitFor(() => expect(status()).toBe('Targets saved: 1.'))
    expect(sent('PUT').map((r) => r.body)).toEqual([
      {
        targets: [
          {
            kpiKey: 'revenue.won',
            scope: 'team:1',
            periodType: 'month',
            periodStart: '2026-01-01',
            value: 192500,
            version: 1,
          },
        ],
      },
    ])
    expect(cell('North, Jan 2026').value).toBe('192500')
  })

  test('in Dutch the columns and cells name the months in Dutch', async () => {
    await openGrid('2026-01-15', 'nl')
    const months = ['jan 2026', 'feb 2026', 'mrt 2026', 'apr 2026', 'mei 2026', 'jun 2026']
    expect(columnHeaders()).toEqual(['Team / verkoper', ...months])
    await waitFor(() =>
      expect((screen.getByLabelText('Doel voor North, mrt 2026') as HTMLInputElement).value).toBe('185000'),
    )
  })

  test('a cell that is not a number of 0 or more is named in the message and blocks saving', async () => {
    await openGrid('2026-01-15')
    fireEvent.change(cell('Yara de Haan, Feb 2026'), { target: { value: '12k' } })
    fireEvent.change(cell('North, Mar 2026'), { target: { value: '-5' } })
    const message =
      'Targets must be numbers of 0 or more; these cells are not: Yara de Haan, Feb 2026; North, Mar 2026.'
    expect(screen.getByText(message)).toBeTruthy()
    expect(cell('Yara de Haan, Feb 2026').getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(cell('North, Mar 2026').getAttribute('aria-describedby')!)?.textContent).toBe(
      message,
    )
    expect(button(/^Save all/).disabled).toBe(true)
    // a decimal comma is a number: once both are fixed, two cells are ready to save
    fireEvent.change(cell('Yara de Haan, Feb 2026'), { target: { value: '12000,50' } })
    fireEvent.change(cell('North, Mar 2026'), { target: { value: '5' } })
    expect(screen.queryByText(/these cells are not/)).toBeNull()
    expect(button('Save all (2 changed)').disabled).toBe(false)
  })

  test('a 409 keeps the typed value beside theirs; "keep mine" saves it on the version stored now', async () => {
    await openGrid('2026-01-15')
    targets = targets.map((x) => (x.id === theirs.id ? theirs : x)) // the colleague's save lands
    fireEvent.change(cell('North, Jan 2026'), { target: { value: '200000' } })
    fireEvent.click(button('Save all (1 changed)'))

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Someone else changed this since you opened it')
    const row = screen.getByRole('rowheader', { name: 'North, Jan 2026' }).closest('tr')!
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['200000', '190000'])
    expect(cell('North, Jan 2026').value).toBe('200000')

    fireEvent.click(button('Keep mine (overwrite)'))
    await waitFor(() => expect(status()).toBe('Targets saved: 1.'))
    expect(sent('PUT').map((r) => (r.body as { targets: PutRow[] }).targets[0]!.version)).toEqual([1, 2])
    expect(targets.find((x) => x.id === theirs.id)).toMatchObject({ value: 200000, version: 3 })
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test("a region's grid: the region's own target, then each of its teams'", async () => {
    await openGrid('2026-01-15')
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: 'region:9' } })
    await waitFor(() =>
      expect([...document.querySelectorAll('.targets-grid tbody th')].map((th) => th.textContent)).toEqual([
        'Region Benelux',
        'North',
        'South',
      ]),
    )
    await waitFor(() => expect(cell('North, Jan 2026').value).toBe('185000'))
    expect(cell('Region Benelux, Jan 2026').value).toBe('')
  })

  test('copy-forward fills the empty months after the first from it, for the team and each rep', async () => {
    await openGrid('2026-12-10')
    fireEvent.change(screen.getByLabelText('Number of periods'), { target: { value: '3' } })
    fireEvent.click(button('Copy the first period forward'))
    // 6 rows × Jan and Feb 2027, all empty before
    await waitFor(() => expect(status()).toBe('12 targets copied, 0 periods already had one.'))
    expect(sent('POST').map((r) => r.body)).toEqual([
      {
        scopes: ['team:1', 'rep:3', 'rep:4', 'rep:5', 'rep:6', 'rep:7'],
        kpiKeys: ['revenue.won'],
        periodType: 'month',
        periodStart: '2026-12-01',
        count: 2,
      },
    ])
    // North's December target (185,000) now stands in January and February too
    await waitFor(() => expect(cell('North, Feb 2027').value).toBe(cell('North, Dec 2026').value))
    expect(cell('North, Jan 2027').value).toBe('185000')
  })
})

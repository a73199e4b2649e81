import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { renderWithQueries as render } from '../../../test/render.tsx'
import { json, startTestApi } from '../../../test/test-api.ts'
import type { TestApi } from '../../../test/test-api.ts'
import { sendVersioned } from '../versioned-http.ts'
import { I18nProvider } from '../../../i18n/i18n.tsx'
import { ThresholdForm } from './ThresholdForm.tsx'
import { Threshold } from '@kpi/contract/thresholds'
import { toPutBody, type ThresholdDraft } from './threshold-draft.ts'

// The test API standing in for PUT /api/thresholds/:kpiKey with optimistic versions: the stored row is at
// version 2 (a colleague saved greenFrom 90 meanwhile), so a write based on version 1 gets the API's 409 body.
let api: TestApi
let stored: Threshold
const bodies: unknown[] = []
beforeAll(async () => {
  api = await startTestApi(({ body: sent }) => {
    const body = sent as { version?: number; greenFrom: number; orangeFrom: number; mode: 'relative' }
    bodies.push(body)
    if (body.version !== stored.version)
      return json(409, { error: 'version_conflict', message: 'stale', current: stored })
    stored = { ...stored, ...body, version: stored.version! + 1 }
    return json(200, stored)
  })
})
afterAll(() => api.close())

const opened: Threshold = {
  id: 7,
  kpiKey: 'revenue.won',
  scope: 'org',
  teamId: null,
  regionId: null,
  source: 'stored',
  mode: 'relative',
  greenFrom: 100,
  orangeFrom: 80,
  actions: { green: [], orange: ['Call the top 5 open deals'], red: [] },
  actionsNl: { green: [], orange: [], red: [] },
  version: 1,
}
const save = (draft: ThresholdDraft, version: number | null) =>
  sendVersioned('PUT', '/api/thresholds/revenue.won', toPutBody(draft, version), Threshold)

const input = (name: RegExp) => screen.getByLabelText(name) as HTMLInputElement
const previewStatus = () => screen.getByTestId('preview-status').getAttribute('data-status')

describe('ThresholdForm', () => {
  test('the preview status follows the typed bounds and the sample value', () => {
    render(<ThresholdForm kpiName="Won revenue" direction="higher" initial={opened} save={save} />)
    // sample 80 of target 100 = 80 %: green from 100 %, orange from 80 % → orange
    expect(previewStatus()).toBe('orange')
    fireEvent.change(input(/^Orange from/), { target: { value: '85' } })
    // 80 % < 85 % → red
    expect(previewStatus()).toBe('red')
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/red, critical/)
    fireEvent.change(input(/^Green from/), { target: { value: '75' } })
    // green from 75 % < orange from 85 % is invalid; the message sits under "Green from"
    expect(input(/^Green from/).getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Green from must be at least “Orange from”')).toBeTruthy()
    fireEvent.change(input(/^Orange from/), { target: { value: '70' } })
    // 80 % ≥ 75 % → green
    expect(previewStatus()).toBe('green')
    fireEvent.change(input(/^Sample value/), { target: { value: '72' } })
    // 72 % is below green (75 %) but ≥ orange (70 %) → orange
    expect(previewStatus()).toBe('orange')
  })

  test('in Dutch, green below orange says so in Dutch, naming the labels the admin sees', () => {
    render(
      <I18nProvider locale="nl">
        <ThresholdForm kpiName="Gewonnen omzet" direction="higher" initial={opened} save={save} />
      </I18nProvider>,
    )
    fireEvent.change(input(/^Groen vanaf/), { target: { value: '75' } })
    expect(input(/^Groen vanaf/).getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Groen vanaf moet minstens gelijk zijn aan „Oranje vanaf”')).toBeTruthy()
    fireEvent.change(input(/^Groen vanaf/), { target: { value: 'veel' } })
    expect(screen.getByText('Groen vanaf moet een getal zijn')).toBeTruthy()
  })

  test("action points are written per language; the preview shows the reader's, else the other", async () => {
    stored = { ...opened, version: 1 }
    bodies.length = 0
    render(
      <I18nProvider locale="nl">
        <ThresholdForm kpiName="Gewonnen omzet" direction="higher" initial={opened} save={save} />
      </I18nProvider>,
    )
    // The Dutch texts are empty: the preview (orange: 80 of 100) falls back to the English action point.
    expect(screen.getByText('Call the top 5 open deals', { selector: ':not(textarea)' })).toBeTruthy()
    fireEvent.change(input(/^Actiepunten bij oranje .*\(Nederlands\)/), {
      target: { value: 'Bel de 5 grootste open deals' },
    })
    expect(screen.getByText('Bel de 5 grootste open deals', { selector: ':not(textarea)' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'English' }))
    expect(input(/^Actiepunten bij oranje .*\(English\)/).value).toBe('Call the top 5 open deals')
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    await waitFor(() => expect(bodies).toHaveLength(1))
    expect(bodies[0]).toMatchObject({
      actions: { orange: ['Call the top 5 open deals'] },
      actionsNl: { orange: ['Bel de 5 grootste open deals'] },
    })
  })

  test('lower is better: 8 h against a 10 h target is 125 % attainment', () => {
    render(
      <ThresholdForm
        kpiName="Response time"
        direction="lower"
        initial={{ ...opened, greenFrom: 100, orangeFrom: 90 }}
        save={save}
      />,
    )
    fireEvent.change(input(/^Sample value/), { target: { value: '8' } })
    fireEvent.change(input(/^Sample target/), { target: { value: '10' } })
    // 10 ÷ 8 = 125 % ≥ 100 % → green; 11 h: 10 ÷ 11 = 90.9 % ≥ 90 % → orange; 12 h: 83 % → red
    expect(previewStatus()).toBe('green')
    fireEvent.change(input(/^Sample value/), { target: { value: '11' } })
    expect(previewStatus()).toBe('orange')
    fireEvent.change(input(/^Sample value/), { target: { value: '12' } })
    expect(previewStatus()).toBe('red')
  })

  test('a 409 shows both versions, keeps what was typed, and "keep mine" overwrites with the current version', async () => {
    stored = { ...opened, greenFrom: 90, version: 2 }
    bodies.length = 0
    render(<ThresholdForm kpiName="Won revenue" direction="higher" initial={opened} save={save} />)
    fireEvent.change(input(/^Green from/), { target: { value: '110' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Someone else changed this since you opened it')
    const greenRow = screen.getByRole('rowheader', { name: 'Green from' }).closest('tr')!
    expect([...greenRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['110', '90'])
    // what was typed is still in the input
    expect(input(/^Green from/).value).toBe('110')

    fireEvent.click(screen.getByRole('button', { name: 'Keep mine (overwrite)' }))
    await screen.findByText('Saved')
    expect(bodies.map((b) => (b as { version: number }).version)).toEqual([1, 2])
    expect(stored.greenFrom).toBe(110)
    expect(stored.version).toBe(3)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('"use theirs" loads the stored values into the form', async () => {
    stored = { ...opened, greenFrom: 95, orangeFrom: 60, version: 5 }
    render(<ThresholdForm kpiName="Won revenue" direction="higher" initial={opened} save={save} />)
    fireEvent.change(input(/^Green from/), { target: { value: '120' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Use theirs' }))
    await waitFor(() => expect(input(/^Green from/).value).toBe('95'))
    expect(input(/^Orange from/).value).toBe('60')
    // saving now is based on version 5 and succeeds
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Saved')
    expect(stored.version).toBe(6)
  })
})

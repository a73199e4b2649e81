import { render } from '@testing-library/react'
import { expect, test } from 'vitest'
import type { DashboardKpi } from '@kpi/contract/dashboard'
import { Gauge } from '../../components/gauge/Gauge.tsx'
import { I18nProvider, useFormat, useLocale, useT } from '../../i18n/i18n.tsx'
import { toGaugeProps } from './gauge-props.ts'
import { periodState } from './period-state.ts'

/** Won revenue for January 2027 seen in December 2026: nothing won yet against a 100 000 target. */
const january: DashboardKpi = {
  key: 'revenue.won',
  name: 'Won revenue',
  unit: 'currency',
  direction: 'higher',
  accumulation: 'sum',
  format: { maximumFractionDigits: 0 },
  value: { kind: 'value', value: 0 },
  previous: {
    value: { kind: 'value', value: 0 },
    delta: 0,
    span: { start: '', end: '', startDate: '', endDate: '' },
  },
  lastYear: { value: { kind: 'value', value: 0 }, delta: 0, span: { start: '', end: '', startDate: '', endDate: '' } },
  target: {
    full: 100_000,
    comparison: 0,
    source: 'own',
    attainmentPercent: null,
    gapToComparison: null,
    gapToFull: null,
    pacePerDay: { kind: 'none', reason: 'no-data' },
  },
  forecast: { kind: 'value', value: 0 },
  pipelineForecast: null,
  status: 'not-started',
  bands: null,
  actions: [],
  trend: [],
}

function NotStartedGauge() {
  const t = useT()
  const fmt = useFormat()
  const { locale } = useLocale()
  return <Gauge {...toGaugeProps(january, { locale, currency: 'EUR', fmt, t, periodStartDate: '2027-01-01' })} />
}

test.each([
  { locale: 'en' as const, chip: '○Not started', reason: 'Not started — starts on 1 January 2027' },
  { locale: 'nl' as const, chip: '○Nog niet begonnen', reason: 'Nog niet begonnen — begint op 1 januari 2027' },
])(
  'a period not started ($locale): no value, no share, no forecast, says when it starts',
  ({ locale, chip, reason }) => {
    const view = render(
      <I18nProvider locale={locale}>
        <NotStartedGauge />
      </I18nProvider>,
    )
    const card = view.container.querySelector('article.gauge') as HTMLElement
    expect(card.dataset.status).toBe('not-started')
    expect(card.querySelector('.gauge-status')?.textContent).toBe(chip)
    expect(card.querySelector('.gauge-value')?.textContent).toBe('—')
    expect(card.querySelector('.gauge-reason')?.textContent).toBe(reason)
    expect(card.querySelector('[data-part="arc"]')?.getAttribute('data-pattern')).toBe('hatched')
    expect(card.querySelector('.gauge-attainment')).toBeNull()
    expect(card.querySelector('.gauge-forecast')).toBeNull()
    expect(card.querySelector('.gauge-actions')).toBeNull()
    expect(card.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe(`Won revenue: ${reason}`)
  },
)

test.each([
  { now: '2026-12-31T22:59:59.999Z', state: 'not-started' }, // 23:59:59 in Amsterdam, the day before
  { now: '2026-12-31T23:00:00.000Z', state: 'running' }, // local midnight, 1 January
  { now: '2027-01-31T23:00:00.000Z', state: 'finished' }, // local midnight, 1 February
])('January 2027 at $now is $state', ({ now, state }) => {
  const period = { start: '2026-12-31T23:00:00.000Z', end: '2027-01-31T23:00:00.000Z' }
  expect(periodState(period, now)).toBe(state)
})

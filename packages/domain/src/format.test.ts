import { expect, test } from 'vitest'
import { formatKpiValue, formatNumber, NO_VALUE_REASON_LABELS, NO_VALUE_TEXT } from './format.ts'
import { KPIS } from './kpis/registry.ts'
import { noValue, someValue } from './value.ts'

// Intl output uses narrow no-break spaces in some locales; normalise them for readable expectations.
const n = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

test.each([
  { key: 'activity.calls', value: 1234, en: '1,234', nl: '1.234' },
  { key: 'deals.win_rate', value: 42.55, en: '42.6%', nl: '42,6%' },
  { key: 'revenue.won', value: 1800.5, en: '€1,801', nl: '€ 1.801' },
  { key: 'efficiency.cost_per_qualified_lead', value: 37.5, en: '€37.50', nl: '€ 37,50' },
  { key: 'activity.response_hours', value: 5.25, en: '5.3 h', nl: '5,3 u' },
  { key: 'deals.cycle_days', value: 9.63, en: '9.6 days', nl: '9,6 dagen' },
  { key: 'pipeline.coverage', value: 1.5, en: '1.5×', nl: '1,5×' },
  { key: 'customers.nps', value: 32, en: '+32', nl: '+32' },
  { key: 'customers.nps', value: -5, en: '-5', nl: '-5' },
  { key: 'team.q12', value: 3.875, en: '3.88', nl: '3,88' },
  { key: 'revenue.growth', value: -20, en: '-20%', nl: '-20%' },
] as const)('$key $value → $en / $nl', ({ key, value, en, nl }) => {
  const kpi = KPIS[key]
  expect(n(formatKpiValue(someValue(value), kpi, 'en'))).toBe(en)
  expect(n(formatKpiValue(someValue(value), kpi, 'nl'))).toBe(nl)
})

test('no value prints as a dash, and every reason has a label in both languages', () => {
  expect(formatKpiValue(noValue('zero-denominator'), KPIS['deals.win_rate'], 'nl')).toBe(NO_VALUE_TEXT)
  for (const label of Object.values(NO_VALUE_REASON_LABELS)) {
    expect(label.en.length).toBeGreaterThan(0)
    expect(label.nl.length).toBeGreaterThan(0)
  }
})

test('the organisation currency is used', () => {
  expect(n(formatNumber(10, 'money', { maximumFractionDigits: 0 }, 'en', 'USD'))).toBe('US$10')
})

import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { KPI_KEYS, type KpiKey } from '../kpis/keys.ts'
import { computeKpi } from '../kpis/registry.ts'
import { periodContaining } from '../periods.ts'
import type { Scope } from '../scope.ts'
import { aggregateAll } from './aggregate-rows.ts'
import { datasetArbitrary } from './arbitraries.ts'
import type { Dataset } from './rows.ts'

const settings = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }
const march = periodContaining('2026-03-01', 'month', settings)
const now = '2026-08-01T00:00:00.000Z'
const startMs = Date.parse(march.start)
const endMs = Date.parse(march.end)
const DAY = 86_400_000
const scopes: Scope[] = [{ type: 'org' }, { type: 'team', id: 10 }, { type: 'rep', id: 2 }, { type: 'customer', id: 3 }]

const base = datasetArbitrary({
  fromMs: startMs - 200 * DAY,
  toMs: endMs + 60 * DAY,
  idBase: 0,
  months: ['2025-10-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'],
})

function merge(a: Dataset, b: Dataset): Dataset {
  return {
    users: a.users,
    leads: [...a.leads, ...b.leads],
    deals: [...a.deals, ...b.deals],
    activities: [...a.activities, ...b.activities],
    customers: [...a.customers, ...b.customers],
    costs: [...a.costs, ...b.costs],
    surveys: [...a.surveys, ...b.surveys],
  }
}

function values(data: Dataset, scope: Scope, keys: readonly KpiKey[]) {
  const a = aggregateAll(data, scope, march, { now, settings })
  const ctx = { period: march, targets: { 'revenue.won': 10_000 } }
  return Object.fromEntries(keys.map((k) => [k, computeKpi(k, scope, a, ctx)]))
}

const RATES: KpiKey[] = [
  'deals.win_rate',
  'leads.mql_to_sql',
  'leads.lead_to_opportunity',
  'customers.churn_rate',
  'customers.retention_rate',
  'customers.csat',
]

describe('properties over random data', () => {
  test('rates stay within 0–100 % (or have no value), never NaN', () => {
    fc.assert(
      fc.property(base, fc.constantFrom(...scopes), (data, scope) => {
        const v = values(data, scope, KPI_KEYS)
        for (const key of KPI_KEYS) {
          const x = v[key]!
          if (x.kind === 'value') expect(Number.isFinite(x.value)).toBe(true)
        }
        for (const key of RATES) {
          const x = v[key]!
          const all = [x, ...(x.details ?? []).map((d) => d.value)]
          for (const r of all) if (r.kind === 'value') expect(r.value).toBeGreaterThanOrEqual(0)
          for (const r of all) if (r.kind === 'value') expect(r.value).toBeLessThanOrEqual(100)
        }
      }),
      { numRuns: 150 },
    )
  })

  test('independent data after the period never changes any KPI of the period', () => {
    const later = datasetArbitrary({
      fromMs: endMs,
      toMs: endMs + 90 * DAY,
      idBase: 1000,
      months: ['2026-04-01', '2026-05-01'],
    })
    fc.assert(
      fc.property(base, later, fc.constantFrom(...scopes), (data, extra, scope) => {
        expect(values(merge(data, extra), scope, KPI_KEYS)).toEqual(values(data, scope, KPI_KEYS))
      }),
      { numRuns: 100 },
    )
  })

  test('independent data before the period never changes the KPIs of flows inside the period', () => {
    // Stocks and trailing windows (open pipeline, customers active at the start, NRR cohort, CLV and
    // labour-efficiency windows) read the past by definition, so they are left out here.
    const readsThePast = new Set<KpiKey>([
      'pipeline.value',
      'pipeline.coverage',
      'customers.churn_rate',
      'customers.retention_rate',
      'revenue.nrr',
      'customers.clv',
      'efficiency.labour_ratio',
    ])
    const flows = KPI_KEYS.filter((k) => !readsThePast.has(k))
    const earlier = datasetArbitrary({
      fromMs: startMs - 400 * DAY,
      toMs: startMs - 1,
      idBase: 2000,
      months: ['2025-12-01', '2026-01-01', '2026-02-01'],
    })
    fc.assert(
      fc.property(base, earlier, fc.constantFrom(...scopes), (data, extra, scope) => {
        expect(values(merge(data, extra), scope, flows)).toEqual(values(data, scope, flows))
      }),
      { numRuns: 100 },
    )
  })
})

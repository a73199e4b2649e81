/**
 * Test helpers for KPI computations: an Aggregates record with only the fields a test cares about, and a
 * context for a month period. Only imported by *.test.ts files.
 */
import { periodContaining, type PeriodType } from '../periods.ts'
import { emptyAggregates, type Aggregates } from './aggregates.ts'
import type { KpiContext } from './define-kpi.ts'

type Overrides = { [G in keyof Aggregates]?: Partial<Aggregates[G]> }

export function aggregates(overrides: Overrides = {}): Aggregates {
  const base = emptyAggregates()
  for (const key of Object.keys(overrides) as (keyof Aggregates)[]) {
    Object.assign(base[key], overrides[key])
  }
  return base
}

export function context(extra: Omit<Partial<KpiContext>, 'period'> = {}, type: PeriodType = 'month'): KpiContext {
  return {
    period: periodContaining('2026-03-15', type, { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }),
    ...extra,
  }
}

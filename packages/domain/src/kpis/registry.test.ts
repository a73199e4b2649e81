import { describe, expect, test } from 'vitest'
import { DEFAULT_FOCUS_AREAS, FOCUS_AREA_KEYS } from '../focus-areas.ts'
import { validateThreshold } from '../thresholds.ts'
import { emptyAggregates, GROUP_KEYS } from './aggregates.ts'
import { KPI_KEYS, isKpiKey } from './keys.ts'
import { computeKpi, groupsFor, KPI_LIST, KPIS } from './registry.ts'
import { context } from './test-helpers.ts'

describe('registry', () => {
  test('has exactly the 32 keys of SPEC section 3, in order, each defined once', () => {
    expect(KPI_KEYS).toHaveLength(32)
    expect(new Set(KPI_KEYS).size).toBe(32)
    expect(KPI_LIST.map((k) => k.key)).toEqual([...KPI_KEYS])
    for (const key of KPI_KEYS) expect(KPIS[key].key).toBe(key)
  })

  test.each(KPI_KEYS.map((k) => [k]))('%s is fully described', (key) => {
    const kpi = KPIS[key]
    expect(kpi.name.en.length).toBeGreaterThan(0)
    expect(kpi.name.nl.length).toBeGreaterThan(0)
    expect(kpi.description.en.length).toBeGreaterThan(10)
    expect(kpi.description.nl.length).toBeGreaterThan(10)
    expect(FOCUS_AREA_KEYS).toContain(kpi.area)
    expect(kpi.scopes).toContain('org')
    expect(kpi.groups.length).toBeGreaterThan(0)
    for (const g of kpi.groups) expect(GROUP_KEYS).toContain(g)
    if (kpi.defaultThreshold) expect(validateThreshold(kpi.defaultThreshold, kpi.direction)).toEqual([])
    // Only cumulative KPIs (counts and money flows) are pro-rated.
    if (kpi.accumulation === 'sum') expect(['count', 'money']).toContain(kpi.unit)
  })

  test('directions and leading/lagging tags of SPEC section 3', () => {
    const lower = KPI_LIST.filter((k) => k.direction === 'lower').map((k) => k.key)
    expect(lower.sort()).toEqual(
      [
        'activity.response_hours',
        'leads.velocity_days',
        'deals.cycle_days',
        'customers.churn_rate',
        'efficiency.cac',
        'efficiency.cost_per_qualified_lead',
      ].sort(),
    )
    expect(KPI_LIST.filter((k) => k.direction === 'neutral').map((k) => k.key)).toEqual(['revenue.split'])
    expect(KPIS['activity.calls'].kind).toBe('leading')
    expect(KPIS['revenue.won'].kind).toBe('lagging')
  })

  test('every KPI computes on an empty period without NaN or Infinity', () => {
    for (const kpi of KPI_LIST) {
      const v = computeKpi(kpi.key, { type: 'org' }, emptyAggregates(), context())
      if (v.kind === 'value') expect(Number.isFinite(v.value)).toBe(true)
    }
  })

  test('unsupported scopes give no value with a reason; missing groups are a programming error', () => {
    expect(computeKpi('team.enps', { type: 'rep', id: 7 }, emptyAggregates(), context())).toEqual({
      kind: 'none',
      reason: 'unsupported-scope',
    })
    expect(() => computeKpi('deals.win_rate', { type: 'org' }, {}, context())).toThrow(/deals/)
  })

  test('groupsFor lists the queries a dashboard needs', () => {
    expect(groupsFor(['deals.win_rate', 'revenue.won', 'efficiency.cac']).sort()).toEqual(['costs', 'deals'])
  })

  test('isKpiKey', () => {
    expect(isKpiKey('deals.win_rate')).toBe(true)
    expect(isKpiKey('deals.lose_rate')).toBe(false)
  })
})

describe('default focus areas (SPEC section 2)', () => {
  test('six areas in rank order with at most 3 known KPIs each', () => {
    expect(DEFAULT_FOCUS_AREAS.map((a) => [a.rank, a.key])).toEqual([
      [1, 'lead-flow'],
      [2, 'result'],
      [3, 'sales-activity'],
      [4, 'customer-retention'],
      [5, 'team-motivation'],
      [6, 'team-efficiency'],
    ])
    for (const area of DEFAULT_FOCUS_AREAS) {
      expect(area.kpiKeys.length).toBeLessThanOrEqual(3)
      for (const key of area.kpiKeys) expect(isKpiKey(key)).toBe(true)
      // a headline KPI belongs to the area that shows it
      for (const key of area.kpiKeys) expect(KPIS[key].area).toBe(area.key)
    }
  })
})

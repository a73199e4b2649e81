import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { kpiStatus, type Status } from './status.ts'
import {
  attainmentPercent,
  levelFor,
  resolveThreshold,
  validateThreshold,
  type ThresholdSetting,
} from './thresholds.ts'
import { noValue, someValue } from './value.ts'

const actions = { green: ['Keep going'], orange: ['Review pipeline in Monday meeting'], red: ['Escalate to director'] }
const relative: ThresholdSetting = { mode: 'relative', greenFrom: 100, orangeFrom: 80, actions }
const churnAbsolute: ThresholdSetting = { mode: 'absolute', greenFrom: 2, orangeFrom: 5, actions }
const npsAbsolute: ThresholdSetting = { mode: 'absolute', greenFrom: 30, orangeFrom: 0, actions }

describe('relative thresholds (percent of the pro-rated target)', () => {
  test.each([
    { actual: 40, target: 40, expected: 'green' }, // 40 ÷ 40 = 100 %
    { actual: 32, target: 40, expected: 'orange' }, // 32 ÷ 40 = 80 %: orange from 80 %
    { actual: 31.9, target: 40, expected: 'red' }, // 79.75 %
    { actual: 0, target: 0, expected: 'green' }, // nothing expected yet (first day on a weekend)
  ])('higher is better: $actual vs $target → $expected', ({ actual, target, expected }) => {
    expect(levelFor({ value: actual, direction: 'higher', threshold: relative, target })).toBe(expected)
  })

  test.each([
    { actual: 4, target: 4, expected: 'green' }, // 4 ÷ 4 = 100 %
    { actual: 5, target: 4, expected: 'orange' }, // 4 ÷ 5 = 80 %
    { actual: 5.1, target: 4, expected: 'red' }, // 4 ÷ 5.1 = 78.4 %
    { actual: 0, target: 4, expected: 'green' }, // instant response: infinitely good
  ])('lower is better (response hours): $actual vs $target → $expected', ({ actual, target, expected }) => {
    expect(levelFor({ value: actual, direction: 'lower', threshold: relative, target })).toBe(expected)
  })

  test('no target → no level', () => {
    expect(levelFor({ value: 3, direction: 'higher', threshold: relative, target: null })).toBeNull()
  })

  test('attainment is direction-aware', () => {
    expect(attainmentPercent(36, 40, 'higher')).toBe(90) // 36 ÷ 40
    expect(attainmentPercent(5, 4, 'lower')).toBe(80) // 4 ÷ 5
    expect(attainmentPercent(5, 0, 'higher')).toBeNull()
    expect(attainmentPercent(0, 4, 'lower')).toBeNull()
  })
})

describe('absolute thresholds (bounds on the value)', () => {
  test.each([
    { churn: 1.5, expected: 'green' },
    { churn: 2, expected: 'green' }, // ≤ 2 % green
    { churn: 5, expected: 'orange' }, // ≤ 5 % orange
    { churn: 5.01, expected: 'red' },
  ])('churn $churn % → $expected', ({ churn, expected }) => {
    expect(levelFor({ value: churn, direction: 'lower', threshold: churnAbsolute, target: null })).toBe(expected)
  })

  test.each([
    { nps: 30, expected: 'green' },
    { nps: 0, expected: 'orange' },
    { nps: -1, expected: 'red' },
  ])('NPS $nps → $expected', ({ nps, expected }) => {
    expect(levelFor({ value: nps, direction: 'higher', threshold: npsAbsolute, target: null })).toBe(expected)
  })
})

describe('status', () => {
  test('carries the action points of the level reached', () => {
    expect(kpiStatus({ direction: 'higher', value: someValue(32), threshold: relative, target: 40 })).toEqual({
      status: 'orange',
      actions: ['Review pipeline in Monday meeting'],
    })
  })

  test('no value → no-data; no threshold or no target → no-target; neutral → no-target', () => {
    expect(
      kpiStatus({ direction: 'higher', value: noValue('zero-denominator'), threshold: relative, target: 40 }).status,
    ).toBe('no-data')
    expect(kpiStatus({ direction: 'higher', value: someValue(3), threshold: null, target: 40 }).status).toBe(
      'no-target',
    )
    expect(kpiStatus({ direction: 'higher', value: someValue(3), threshold: relative, target: null }).status).toBe(
      'no-target',
    )
    expect(kpiStatus({ direction: 'neutral', value: someValue(3), threshold: relative, target: 3 })).toEqual({
      status: 'no-target',
      actions: [],
    })
  })

  const rank: Record<Status, number> = {
    red: 0,
    orange: 1,
    green: 2,
    'no-target': -1,
    'no-data': -1,
    'not-started': -1,
  }

  // Any valid threshold for a direction: absolute bounds in the right order, or relative green ≥ orange ≥ 0.
  const thresholdFor = (direction: 'higher' | 'lower') =>
    fc
      .tuple(
        fc.boolean(),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      )
      .map(([absolute, x, y]): ThresholdSetting => {
        if (!absolute)
          return {
            mode: 'relative',
            greenFrom: Math.max(Math.abs(x), Math.abs(y)),
            orangeFrom: Math.min(Math.abs(x), Math.abs(y)),
            actions,
          }
        const [lo, hi] = x <= y ? [x, y] : [y, x]
        return direction === 'higher'
          ? { mode: 'absolute', greenFrom: hi, orangeFrom: lo, actions }
          : { mode: 'absolute', greenFrom: lo, orangeFrom: hi, actions }
      })
  // Values of lower-is-better KPIs (hours, days, churn, costs) are never negative.
  const pair = (min: number) =>
    fc
      .tuple(fc.double({ min, max: 1e6, noNaN: true }), fc.double({ min, max: 1e6, noNaN: true }))
      .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]))
  const target = fc.double({ min: 0, max: 1e6, noNaN: true })

  test('property: status is monotone in the value when higher is better', () => {
    fc.assert(
      fc.property(pair(-1e6), thresholdFor('higher'), target, ([small, big], threshold, t) => {
        expect(validateThreshold(threshold, 'higher')).toEqual([])
        const s = (v: number) => kpiStatus({ direction: 'higher', value: someValue(v), threshold, target: t }).status
        expect(rank[s(big)]).toBeGreaterThanOrEqual(rank[s(small)])
      }),
    )
  })

  test('property: status is monotone in the value when lower is better', () => {
    fc.assert(
      fc.property(pair(0), thresholdFor('lower'), target, ([small, big], threshold, t) => {
        expect(validateThreshold(threshold, 'lower')).toEqual([])
        const s = (v: number) => kpiStatus({ direction: 'lower', value: someValue(v), threshold, target: t }).status
        expect(rank[s(small)]).toBeGreaterThanOrEqual(rank[s(big)])
      }),
    )
  })
})

describe('resolving and validating thresholds', () => {
  const team: ThresholdSetting = { ...relative, greenFrom: 110 }
  test('team override wins over the organisation default, which wins over the KPI default', () => {
    expect(resolveThreshold({ teamOverride: team, orgDefault: relative, kpiDefault: churnAbsolute })).toBe(team)
    expect(resolveThreshold({ teamOverride: null, orgDefault: relative, kpiDefault: churnAbsolute })).toBe(relative)
    expect(resolveThreshold({ kpiDefault: churnAbsolute })).toBe(churnAbsolute)
    expect(resolveThreshold({})).toBeNull()
  })

  test('validation names the field and knows the direction', () => {
    expect(validateThreshold(churnAbsolute, 'lower')).toEqual([])
    expect(validateThreshold(churnAbsolute, 'higher')).toEqual(['greenFrom must be ≥ orangeFrom (higher is better)'])
    expect(validateThreshold({ ...relative, greenFrom: 70 }, 'higher')).toEqual([
      'greenFrom must be ≥ orangeFrom (percent of target)',
    ])
    expect(validateThreshold({ ...relative, greenFrom: Number.NaN }, 'higher')).toEqual([
      'greenFrom must be a finite number',
    ])
    expect(validateThreshold(relative, 'neutral')).toHaveLength(1)
  })
})

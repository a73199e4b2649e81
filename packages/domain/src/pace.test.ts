import { describe, expect, test } from 'vitest'
import { paceNeed, type PaceKpi } from './pace.ts'

/** A 'sum', higher-is-better KPI with `actual` so far against `target` (gapToFull = target − actual). */
const kpi = (unit: 'count' | 'money', target: number, actual: number, fractionDigits = 0): PaceKpi => ({
  target,
  gapToFull: target - actual,
  accumulation: 'sum',
  direction: 'higher',
  unit,
  fractionDigits,
})

describe('counts: whole things, never 0 a day', () => {
  test.each([
    // 8 − 3 = 5 over 19 days: one today, then one every ⌊(19 − 1) ÷ (5 − 1)⌋ = 4 working days
    { target: 8, actual: 3, days: 19, need: { kind: 'every', target: 8, every: 4, need: 5, days: 19 } },
    // 60 − 20 = 40 over 19 days = 2.1 → 2 per working day
    { target: 60, actual: 20, days: 19, need: { kind: 'per-day', target: 60, amount: 2, need: 40, days: 19 } },
    // 5 over 5 days = exactly 1 a day
    { target: 8, actual: 3, days: 5, need: { kind: 'per-day', target: 8, amount: 1, need: 5, days: 5 } },
    // 2 over 19 days: one today, one ⌊18 ÷ 1⌋ = 18 working days later
    { target: 8, actual: 6, days: 19, need: { kind: 'every', target: 8, every: 18, need: 2, days: 19 } },
    // 7.5 − 3.3 = 4.2 short is 5 whole things
    { target: 7.5, actual: 3.3, days: 19, need: { kind: 'every', target: 7.5, every: 4, need: 5, days: 19 } },
    // 30 over 4 days = 7.5 → 8 (nearest whole)
    { target: 30, actual: 0, days: 4, need: { kind: 'per-day', target: 30, amount: 8, need: 30, days: 4 } },
    { target: 8, actual: 7, days: 19, need: { kind: 'one-more', target: 8, days: 19 } },
    { target: 8, actual: 8, days: 19, need: { kind: 'reached', target: 8 } },
    { target: 8, actual: 10, days: 0, need: { kind: 'reached', target: 8 } },
    { target: 8, actual: 3, days: 0, need: { kind: 'no-days-left', target: 8, gap: 5 } },
  ])('$actual of $target, $days days left', ({ target, actual, days, need }) => {
    expect(paceNeed(kpi('count', target, actual), days)).toEqual(need)
  })
})

describe('money: per working day, rounded up at the precision', () => {
  test('5 000 over 4 days is exactly 1 250 (no unit gained from rounding noise)', () => {
    expect(paceNeed(kpi('money', 20_000, 15_000), 4)).toEqual({
      kind: 'per-day',
      target: 20_000,
      amount: 1250,
      need: 5000,
      days: 4,
    })
  })

  test('6 170.60 over 5 days = 1 234.12 → 1 235 whole, 1 234.12 with cents', () => {
    expect(paceNeed(kpi('money', 20_000, 13_829.4), 5)).toMatchObject({ amount: 1235 })
    expect(paceNeed(kpi('money', 20_000, 13_829.4, 2), 5)).toMatchObject({ amount: 1234.12 })
  })
})

describe('no pace line', () => {
  const base = kpi('count', 8, 3)
  test.each([
    { why: 'no target', kpi: { ...base, target: null } },
    { why: 'no value', kpi: { ...base, gapToFull: null } },
    { why: 'a level KPI', kpi: { ...base, accumulation: 'level' as const } },
    { why: 'lower is better', kpi: { ...base, direction: 'lower' as const } },
    { why: 'neutral', kpi: { ...base, direction: 'neutral' as const } },
  ])('$why', ({ kpi: input }) => {
    expect(paceNeed(input, 19)).toBeNull()
  })
})

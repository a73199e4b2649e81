import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { levelFor, thresholdBands, type ThresholdSetting } from './thresholds.ts'

const actions = { green: [], orange: [], red: [] }
const relative = (greenFrom: number, orangeFrom: number): ThresholdSetting => ({
  mode: 'relative',
  greenFrom,
  orangeFrom,
  actions,
})
const absolute = (greenFrom: number, orangeFrom: number): ThresholdSetting => ({
  mode: 'absolute',
  greenFrom,
  orangeFrom,
  actions,
})

describe('threshold bands on the value scale', () => {
  test.each([
    // higher is better, relative: target × percent ÷ 100
    { direction: 'higher', threshold: relative(100, 80), target: 40, expected: { greenFrom: 40, orangeFrom: 32 } }, // 40 × 0.8
    {
      direction: 'higher',
      threshold: relative(90, 60),
      target: 25_000,
      expected: { greenFrom: 22_500, orangeFrom: 15_000 },
    },
    { direction: 'higher', threshold: relative(100, 0), target: 12, expected: { greenFrom: 12, orangeFrom: 0 } }, // never red
    // lower is better, relative: target × 100 ÷ percent (4 h allowed at 100 %: ≤ 4 h green, ≤ 4 ÷ 0.8 = 5 h orange)
    { direction: 'lower', threshold: relative(100, 80), target: 4, expected: { greenFrom: 4, orangeFrom: 5 } },
    { direction: 'lower', threshold: relative(125, 50), target: 10, expected: { greenFrom: 8, orangeFrom: 20 } }, // 1000 ÷ 125, 1000 ÷ 50
    // absolute: as stored, whatever the target
    { direction: 'higher', threshold: absolute(30, 0), target: null, expected: { greenFrom: 30, orangeFrom: 0 } }, // NPS
    { direction: 'lower', threshold: absolute(2, 5), target: 3, expected: { greenFrom: 2, orangeFrom: 5 } }, // churn %
  ] as const)('$direction $threshold.mode $threshold.greenFrom/$threshold.orangeFrom of $target', (row) => {
    expect(thresholdBands(row)).toEqual(row.expected)
  })

  test.each([
    { why: 'neutral KPI', direction: 'neutral', threshold: relative(100, 80), target: 40 },
    { why: 'no threshold', direction: 'higher', threshold: null, target: 40 },
    { why: 'relative without a target', direction: 'higher', threshold: relative(100, 80), target: null },
    { why: 'lower, orange at 0 % never ends', direction: 'lower', threshold: relative(100, 0), target: 4 },
  ] as const)('no bands: $why', (row) => {
    expect(thresholdBands(row)).toBeNull()
  })

  test('a value on a boundary has the level the status gives it (the better one)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('higher' as const, 'lower' as const),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 10_000 }),
        (direction, a, b, target) => {
          const threshold = relative(Math.max(a, b), Math.min(a, b))
          const bands = thresholdBands({ direction, threshold, target })!
          // Exact boundaries may be fractions; compare with levelFor on either side, away from rounding.
          const eps = 1e-6 * Math.max(1, Math.abs(bands.orangeFrom))
          const better = direction === 'higher' ? 1 : -1
          const level = (value: number) => levelFor({ value, direction, threshold, target })
          expect(level(bands.greenFrom + better * eps)).toBe('green')
          if (bands.greenFrom !== bands.orangeFrom) {
            expect(level(bands.orangeFrom + better * eps)).toBe('orange')
          }
          expect(level(bands.orangeFrom - better * eps * 10)).toBe('red')
        },
      ),
    )
  })
})

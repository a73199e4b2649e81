import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { pacePerRemainingDay, pipelineForecast, proRatedTarget, runRateForecast, targetProgress } from './targets.ts'
import { noValue, someValue } from './value.ts'

const april = { total: 19, elapsed: 4, remaining: 16 }

describe('pro-rating by working days', () => {
  test('190 calls in April after 4 of 19 working days: 40 expected so far', () => {
    // 190 × 4 ÷ 19 = 40
    expect(proRatedTarget(190, april)).toBe(40)
  })

  test('the full target once every working day has started, and in a period without working days', () => {
    expect(proRatedTarget(190, { total: 19, elapsed: 19, remaining: 1 })).toBe(190)
    expect(proRatedTarget(5, { total: 0, elapsed: 0, remaining: 0 })).toBe(5)
  })

  test('property: on the last working day the pro-rated target equals the full target', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 260 }), fc.double({ min: 0, max: 1e9, noNaN: true }), (total, target) => {
        expect(proRatedTarget(target, { total, elapsed: total, remaining: 1 })).toBe(target)
      }),
    )
  })

  test('property: the pro-rated target never exceeds the full target and grows with elapsed days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 260 }),
        fc.nat(),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (total, e, target) => {
          const elapsed = e % (total + 1)
          const now = proRatedTarget(target, { total, elapsed, remaining: total - elapsed })
          expect(now).toBeLessThanOrEqual(target)
          if (elapsed < total) {
            expect(
              proRatedTarget(target, { total, elapsed: elapsed + 1, remaining: total - elapsed - 1 }),
            ).toBeGreaterThanOrEqual(now)
          }
        },
      ),
    )
  })
})

describe('forecast', () => {
  test('run-rate: 50 calls after 4 of 19 working days → 237.5', () => {
    // 50 ÷ 4 × 19 = 237.5
    expect(runRateForecast(50, april)).toEqual(someValue(237.5))
  })

  test('run-rate has no value before the first working day', () => {
    expect(runRateForecast(3, { total: 19, elapsed: 0, remaining: 19 })).toEqual(noValue('zero-denominator'))
  })

  test('revenue from the pipeline: 40 000 won + 25 000 weighted closing = 65 000', () => {
    expect(pipelineForecast(40_000, 25_000)).toBe(65_000)
  })
})

describe('pace per remaining working day', () => {
  test('190 target, 50 done, 16 working days left: (190 − 50) ÷ 16 = 8.75 a day', () => {
    expect(pacePerRemainingDay(50, 190, april)).toEqual(someValue(8.75))
  })

  test('0 when the target is reached; no value when no day is left and it is not', () => {
    expect(pacePerRemainingDay(200, 190, april)).toEqual(someValue(0))
    expect(pacePerRemainingDay(100, 190, { total: 19, elapsed: 19, remaining: 0 })).toEqual(noValue('zero-denominator'))
  })
})

describe('targetProgress', () => {
  test('a sum KPI (calls): compared with the pro-rated target', () => {
    const p = targetProgress({ direction: 'higher', accumulation: 'sum', actual: 36, fullTarget: 190, progress: april })
    // comparison 40; shortfall 40 − 36 = 4; to full 190 − 36 = 154; attainment 36 ÷ 40 = 90 %;
    // forecast 36 ÷ 4 × 19 = 171; pace (190 − 36) ÷ 16 = 9.625
    expect(p).toEqual({
      fullTarget: 190,
      comparisonTarget: 40,
      shortfallToComparison: 4,
      shortfallToFull: 154,
      attainmentPercent: 90,
      forecast: someValue(171),
      pipelineForecast: null,
      pacePerDay: someValue(9.625),
    })
  })

  test('revenue adds the pipeline forecast', () => {
    const p = targetProgress({
      direction: 'higher',
      accumulation: 'sum',
      actual: 40_000,
      fullTarget: 100_000,
      progress: april,
      weightedClosingInPeriod: 25_000,
    })
    expect(p.pipelineForecast).toBe(65_000)
    expect(p.forecast).toEqual(someValue(190_000)) // 40 000 ÷ 4 × 19
  })

  test('a level KPI (response hours, lower is better) keeps the full target all period', () => {
    const p = targetProgress({ direction: 'lower', accumulation: 'level', actual: 5, fullTarget: 4, progress: april })
    // shortfall 5 − 4 = 1 hour too slow; attainment 4 ÷ 5 = 80 %
    expect(p).toMatchObject({ comparisonTarget: 4, shortfallToComparison: 1, attainmentPercent: 80 })
    expect(p.forecast).toEqual(someValue(5))
    expect(p.pacePerDay).toEqual(noValue('not-applicable'))
  })
})

import { describe, expect, test } from 'vitest'
import { arcFraction, arcPath, attainmentRatio, pointAt } from './gauge-geometry.ts'

describe('attainmentRatio', () => {
  test.each([
    { value: 84, reference: 100, expected: 0.84 }, // 84 / 100
    { value: 180, reference: 100, expected: 1.8 }, // over target is not capped here, only on the arc
    { value: -20, reference: 40, expected: -0.5 }, // an NPS of −20 against 40: −20 / 40
    { value: 5, reference: 0, expected: null }, // a share of a zero target has no meaning
    { value: 5, reference: -10, expected: null },
    { value: null, reference: 100, expected: null },
    { value: 5, reference: null, expected: null },
  ])('$value of $reference → $expected', ({ value, reference, expected }) => {
    expect(attainmentRatio(value, reference)).toBe(expected)
  })
})

describe('arcFraction', () => {
  test.each([
    { ratio: 0, expected: 0 },
    { ratio: 0.75, expected: 0.5 }, // 0.75 / 1.5
    { ratio: 1, expected: 2 / 3 }, // the target tick sits at two thirds
    { ratio: 1.5, expected: 1 },
    { ratio: 4, expected: 1 }, // capped
    { ratio: -0.5, expected: 0 }, // floored
  ])('$ratio → $expected', ({ ratio, expected }) => {
    expect(arcFraction(ratio)).toBeCloseTo(expected, 12)
  })
})

describe('arc geometry (centre 100,100, radius 80)', () => {
  test('ends and top of the semicircle', () => {
    expect(pointAt(0)).toEqual({ x: 20, y: 100 }) // 100 − 80
    expect(pointAt(0.5)).toEqual({ x: 100, y: 20 }) // straight up
    expect(pointAt(1)).toEqual({ x: 180, y: 100 }) // 100 + 80
  })

  test('a path runs clockwise from the left end', () => {
    expect(arcPath(0, 0.5)).toBe('M 20 100 A 80 80 0 0 1 100 20')
    expect(arcPath(0.3, 0.3)).toBe('')
  })
})

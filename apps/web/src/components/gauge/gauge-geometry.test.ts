import { describe, expect, test } from 'vitest'
import { arcPath, attainmentRatio, bandSegments, fractionOf, gaugeScale, pointAt } from './gauge-geometry.ts'

describe('attainmentRatio', () => {
  test.each([
    { value: 84, reference: 100, expected: 0.84 }, // 84 / 100
    { value: 180, reference: 100, expected: 1.8 }, // over target is not capped
    { value: -20, reference: 40, expected: -0.5 }, // an NPS of −20 against 40: −20 / 40
    { value: 5, reference: 0, expected: null }, // a share of a zero target has no meaning
    { value: 5, reference: -10, expected: null },
    { value: null, reference: 100, expected: null },
    { value: 5, reference: null, expected: null },
  ])('$value of $reference → $expected', ({ value, reference, expected }) => {
    expect(attainmentRatio(value, reference)).toBe(expected)
  })
})

describe('gaugeScale: 0 … the largest of target, value and bands × 1.2', () => {
  test.each([
    { why: 'target largest', value: 50, target: 100, bands: { greenFrom: 100, orangeFrom: 80 }, max: 120, min: 0 },
    { why: 'value over target', value: 150, target: 100, bands: null, max: 180, min: 0 }, // 150 × 1.2
    {
      why: 'lower is better: red begins past target',
      value: 3,
      target: 4,
      bands: { greenFrom: 4, orangeFrom: 5 },
      max: 6,
      min: 0,
    },
    {
      why: 'absolute bands, no target',
      value: 10,
      target: null,
      bands: { greenFrom: 30, orangeFrom: 0 },
      max: 36,
      min: 0,
    },
    { why: 'a negative NPS', value: -20, target: 40, bands: { greenFrom: 30, orangeFrom: 0 }, max: 48, min: -24 },
    { why: 'no value yet', value: null, target: 10, bands: null, max: 12, min: 0 },
  ])('$why', ({ value, target, bands, max, min }) => {
    const scale = gaugeScale({ value, target, bands })!
    expect(scale.max).toBeCloseTo(max, 12)
    expect(scale.min).toBeCloseTo(min, 12)
  })

  test('nothing to measure against: no target and no bands', () => {
    expect(gaugeScale({ value: 7, target: null, bands: null })).toBeNull()
  })

  test('nothing but zeros', () => {
    expect(gaugeScale({ value: 0, target: 0, bands: null })).toBeNull()
  })
})

describe('fractionOf', () => {
  const scale = { min: 0, max: 120 }
  test.each([
    { n: 0, expected: 0 },
    { n: 100, expected: 5 / 6 }, // a target of 100 on 0 … 120
    { n: 60, expected: 0.5 },
    { n: 500, expected: 1 }, // capped
    { n: -5, expected: 0 }, // floored
  ])('$n on 0 … 120 → $expected', ({ n, expected }) => {
    expect(fractionOf(n, scale)).toBeCloseTo(expected, 12)
  })

  test('a scale below zero: −24 … 48, so 0 sits at a third', () => {
    expect(fractionOf(0, { min: -24, max: 48 })).toBeCloseTo(1 / 3, 12)
  })
})

describe('bandSegments', () => {
  test('higher is better: red, orange, green from left to right', () => {
    // 0 … 120: orange from 80 (2/3), green from 100 (5/6)
    const segments = bandSegments({ greenFrom: 100, orangeFrom: 80 }, 'higher', { min: 0, max: 120 })
    expect(segments.map((s) => s.level)).toEqual(['red', 'orange', 'green'])
    expect(segments[0]!.to).toBeCloseTo(2 / 3, 12)
    expect(segments[1]!.from).toBeCloseTo(2 / 3, 12)
    expect(segments[1]!.to).toBeCloseTo(5 / 6, 12)
    expect(segments[2]).toEqual({ level: 'green', from: segments[1]!.to, to: 1 })
  })

  test('lower is better: green, orange, red from left to right', () => {
    // 0 … 6 hours: green up to 4 (2/3), orange up to 5 (5/6), red beyond
    const segments = bandSegments({ greenFrom: 4, orangeFrom: 5 }, 'lower', { min: 0, max: 6 })
    expect(segments.map((s) => [s.level, round(s.from), round(s.to)])).toEqual([
      ['green', 0, 0.6667],
      ['orange', 0.6667, 0.8333],
      ['red', 0.8333, 1],
    ])
  })

  test('an orange boundary at 0 on a scale from 0: no red segment', () => {
    const segments = bandSegments({ greenFrom: 30, orangeFrom: 0 }, 'higher', { min: 0, max: 36 })
    expect(segments.map((s) => s.level)).toEqual(['orange', 'green'])
  })
})

describe('arc geometry (centre 100,100, radius 76)', () => {
  test('ends and top of the semicircle', () => {
    expect(pointAt(0)).toEqual({ x: 24, y: 100 }) // 100 − 76
    expect(pointAt(0.5)).toEqual({ x: 100, y: 24 }) // straight up
    expect(pointAt(1)).toEqual({ x: 176, y: 100 }) // 100 + 76
  })

  test('a path runs clockwise from the left end', () => {
    expect(arcPath(0, 0.5)).toBe('M 24 100 A 76 76 0 0 1 100 24')
    expect(arcPath(0.3, 0.3)).toBe('')
  })
})

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000
}

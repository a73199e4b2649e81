import { expect, test } from 'vitest'
import { pareto } from './insights.ts'

test('the customers that make up 80 % of revenue', () => {
  const r = pareto([
    { key: 'c', amountCents: 1_000 },
    { key: 'a', amountCents: 5_000 },
    { key: 'b', amountCents: 3_000 },
    { key: 'd', amountCents: 1_000 },
  ])
  // total 10 000: a 50 %, a+b 80 % → the head is a and b (80 % reached exactly)
  expect(r.totalCents).toBe(10_000)
  expect(r.headCount).toBe(2)
  expect(r.items.map((i) => [i.key, i.cumulativePercent, i.inHead])).toEqual([
    ['a', 50, true],
    ['b', 80, true],
    ['c', 90, false], // ties sorted by key
    ['d', 100, false],
  ])
})

test('one item just short of 80 % needs the next one', () => {
  // 79.99 % then 100 %
  const r = pareto([
    { key: 'x', amountCents: 7_999 },
    { key: 'y', amountCents: 2_001 },
  ])
  expect(r.headCount).toBe(2)
})

test('no revenue: nothing in the head', () => {
  expect(pareto([]).headCount).toBe(0)
  expect(pareto([{ key: 'a', amountCents: 0 }]).headCount).toBe(0)
})

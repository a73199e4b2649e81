import { expect, test } from 'vitest'
import { noValue, someValue } from '../value.ts'
import { employeeNps, q12Average } from './team.ts'
import { aggregates, context } from './test-helpers.ts'

test.each([
  // 5 promoters, 3 detractors of 20: 25 % − 15 % = 10
  { responses: 20, promoters: 5, detractors: 3, expected: someValue(10) },
  { responses: 0, promoters: 0, detractors: 0, expected: noValue('zero-denominator') },
])('team.enps $promoters/$detractors of $responses', ({ responses, promoters, detractors, expected }) => {
  const a = aggregates({ surveys: { enpsResponses: responses, enpsPromoters: promoters, enpsDetractors: detractors } })
  expect(employeeNps.compute(a, context())).toEqual(expected)
})

test.each([
  // 3.50 + 4.25 + 4.00 = 11.75 → 1 175 hundredths ÷ 3 ÷ 100 = 3.91666…
  { responses: 3, hundredths: 1175, expected: someValue(1175 / 300) },
  { responses: 2, hundredths: 850, expected: someValue(4.25) }, // (4.00 + 4.50) ÷ 2
  { responses: 0, hundredths: 0, expected: noValue('zero-denominator') },
])('team.q12 mean of $responses responses', ({ responses, hundredths, expected }) => {
  const a = aggregates({ surveys: { q12Responses: responses, q12ScoreHundredthsSum: hundredths } })
  expect(q12Average.compute(a, context())).toEqual(expected)
})

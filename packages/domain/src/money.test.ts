import { expect, test } from 'vitest'
import { centsToDecimalString, parseCents, sumCents, unitsToCents } from './money.ts'

test.each([
  { text: '1234.56', cents: 123456 },
  { text: '0.10', cents: 10 },
  { text: '-0.1', cents: -10 },
  { text: '12', cents: 1200 },
  { text: '7.0000', cents: 700 }, // numeric(18,4) text
  { text: ' 3.5 ', cents: 350 },
  { text: '-0.00', cents: 0 },
])('parseCents($text) = $cents', ({ text, cents }) => {
  expect(parseCents(text)).toBe(cents)
})

test.each(['1.005', 'abc', '', '1e3', '1,50', '99999999999999999999'])('parseCents rejects %j', (text) => {
  expect(() => parseCents(text)).toThrow(RangeError)
})

test('sums of many 0.10 and 0.20 amounts are exact', () => {
  // 10 000 × 0.10 + 10 000 × 0.20 = 1 000 + 2 000 = 3 000.00 exactly
  const amounts = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? '0.10' : '0.20'))
  const total = sumCents(amounts.map(parseCents))
  expect(total).toBe(300_000)
  expect(centsToDecimalString(total)).toBe('3000.00')
  // The float way drifts, which is why we never do it:
  expect(amounts.reduce((s, a) => s + Number(a), 0)).not.toBe(3000)
})

test('0.1 + 0.2 is exactly 0.30', () => {
  expect(centsToDecimalString(sumCents([parseCents('0.1'), parseCents('0.2')]))).toBe('0.30')
})

test('unitsToCents takes the nearest cent of the binary value', () => {
  expect(unitsToCents(0.29)).toBe(29) // 0.29 * 100 = 28.999999999999996 would truncate to 28
  expect(unitsToCents(1.005)).toBe(100) // 1.005 is stored as 1.00499999999999989…
  expect(unitsToCents(-12.5)).toBe(-1250)
})

test('centsToDecimalString handles negatives and small amounts', () => {
  expect(centsToDecimalString(-5)).toBe('-0.05')
  expect(centsToDecimalString(123456)).toBe('1234.56')
})

test('sumCents refuses to lose cents beyond the safe-integer range', () => {
  expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError)
})

import { afterEach, expect, test, vi } from 'vitest'
import { acceptedTimeStep, asTotpCode, hashRecoveryCode, newRecoveryCodes, otpauthUrl } from './two-factor.ts'

// RFC 6238 appendix B, SHA-1: the secret is the ASCII "12345678901234567890" (base32 below); the RFC lists
// 8-digit codes, whose last six digits are the 6-digit codes apps show.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

afterEach(() => {
  vi.useRealTimers()
})

test.each([
  { unixSeconds: 59, code: '287082', step: 1 }, //          RFC: 94287082; 59 / 30 = step 1
  { unixSeconds: 1111111109, code: '081804', step: 37037036 }, // RFC: 07081804; 1111111109 / 30 = 37037036.97
  { unixSeconds: 1111111139, code: '081804', step: 37037036 }, // 30 s later (step 37037037): one step of drift is fine
  { unixSeconds: 1111111079, code: '081804', step: 37037036 }, // 30 s earlier (step 37037035): the other side too
])('RFC 6238 vector $code at $unixSeconds s is step $step', async ({ unixSeconds, code, step }) => {
  vi.useFakeTimers({ now: unixSeconds * 1000, toFake: ['Date'] })
  expect(await acceptedTimeStep(RFC_SECRET, code, null)).toBe(step)
})

test('two steps away, or a step not after the last accepted one, is refused', async () => {
  vi.useFakeTimers({ now: 1111111169 * 1000, toFake: ['Date'] }) // step 37037038: two after the code's
  expect(await acceptedTimeStep(RFC_SECRET, '081804', null)).toBeNull()
  vi.setSystemTime(1111111109 * 1000)
  expect(await acceptedTimeStep(RFC_SECRET, '081804', 37037036)).toBeNull() // replay of the same step
  expect(await acceptedTimeStep(RFC_SECRET, '081804', 37037035)).toBe(37037036)
})

test('six digits (spaces allowed) are a TOTP code; anything else is taken as a recovery code', () => {
  expect(asTotpCode('123 456')).toBe('123456')
  expect(asTotpCode('12345')).toBeNull()
  expect(asTotpCode('abcde-fghjk')).toBeNull()
})

test('ten distinct recovery codes of two five-symbol halves; case, spaces and dashes do not matter', () => {
  const codes = newRecoveryCodes()
  expect(codes).toHaveLength(10)
  expect(new Set(codes).size).toBe(10)
  for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/)
  expect(hashRecoveryCode('AbCde-FGhjk')).toBe(hashRecoveryCode(' abcde fghjk'))
  expect(hashRecoveryCode('abcde-fghjk')).not.toBe(hashRecoveryCode('abcde-fghjm'))
})

test('the key URI names the product and organisation as issuer and the email as account', () => {
  const url = new URL(otpauthUrl({ organization: 'Acme: NL', email: 'eva@example.com', secret: RFC_SECRET }))
  expect(url.protocol).toBe('otpauth:')
  expect(url.searchParams.get('issuer')).toBe('Sales KPI (Acme  NL)')
  expect(url.searchParams.get('secret')).toBe(RFC_SECRET)
  expect(url.host).toBe('totp')
  expect(decodeURIComponent(url.pathname)).toBe('/Sales KPI (Acme  NL):eva@example.com')
})

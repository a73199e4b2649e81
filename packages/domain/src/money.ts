/**
 * Exact money: amounts are integer cents held in safe JavaScript integers (|x| ≤ 2^53 − 1 cents, about
 * 90 trillion in currency units), parsed from decimal strings because PostgreSQL numeric arrives as a
 * string. Sums of cents are exact; only a final division (a mean, a ratio) produces a fraction.
 *
 * Exports: Cents, parseCents, centsToDecimalString, centsToUnits, sumCents, unitsToCents.
 */

/** Integer number of cents. */
export type Cents = number

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/

/**
 * Parses "1234.56", "-0.1", "12", "7.000" (numeric(14,2) and numeric(18,4) text) into integer cents.
 * Digits past the second decimal must be zero (money has cents, not fractions of cents); throws otherwise,
 * and on anything that is not a plain decimal or does not fit a safe integer.
 */
export function parseCents(text: string): Cents {
  const m = DECIMAL.exec(text.trim())
  if (!m) throw new RangeError(`not a decimal amount: ${JSON.stringify(text)}`)
  const [, sign, whole = '0', fraction = ''] = m
  if (/[1-9]/.test(fraction.slice(2))) throw new RangeError(`amount has fractions of a cent: ${text}`)
  const cents = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2))
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount too large: ${text}`)
  const n = Number(cents)
  return sign === '-' && n !== 0 ? -n : n
}

/**
 * Currency units (a JS number such as a target from a form) to integer cents: the nearest cent of the
 * number's exact binary value (0.29 → 29, where 0.29 * 100 is 28.999…; 1.005 is really 1.00499… → 100).
 * Prefer parseCents on the decimal text whenever the text is available.
 */
export function unitsToCents(units: number): Cents {
  if (!Number.isFinite(units)) throw new RangeError(`not a finite amount: ${units}`)
  return parseCents(units.toFixed(2))
}

/** Exact sum; throws when the total leaves the safe-integer range instead of silently losing cents. */
export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = 0
  for (const a of amounts) {
    total += a
    if (!Number.isSafeInteger(total)) throw new RangeError('money sum exceeds the safe-integer range')
  }
  return total
}

/** 123456 → "1234.56" (for SQL parameters and CSV export). */
export function centsToDecimalString(cents: Cents): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Cents to currency units for display and KPI values (the one place a money value becomes a float). */
export function centsToUnits(cents: number): number {
  return cents / 100
}

import fc from 'fast-check'

// Generators for what an attacker (or a broken client) sends: wrong types, huge and odd strings, extreme numbers,
// deep structures. Sizes are bounded so a whole route sweep stays within seconds.

/** Strings that have broken parsers, validators, SQL and spreadsheets before. */
export const nastyStrings = [
  '',
  ' ',
  '\u0000',
  '\u202e\u0645\u0631\u062d\u0628\u0627', // right-to-left override + Arabic
  '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦 \ud800', // astral plane, ZWJ sequence, a lone surrogate
  "'; drop table users; --",
  '<script>alert(1)</script>',
  "=CMD|' /C calc'!A0",
  '+1+1',
  '@SUM(1)',
  '../../etc/passwd',
  '%00%2e%2e%2f',
  'NaN',
  'Infinity',
  '-0',
  '1e999',
  '99999999999999999999999999',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  'true',
  'null',
  '[]',
  '{}',
  'x'.repeat(70_000),
] as const

export const nastyNumbers = [
  0,
  -0,
  -1,
  0.5,
  -2_147_483_649,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e21,
] as const

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...nastyNumbers).map(String),
)

/** Any JSON value, biased towards the hostile ones. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(...nastyNumbers),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
)

/** A body for a route whose JSON fields are `properties`: real field names with hostile values, or anything. */
export function hostileBody(properties: string[]): fc.Arbitrary<unknown> {
  const keys = [...properties, '__proto__', 'constructor', 'id', 'organizationId', 'zzz']
  return fc.oneof(
    { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: 6 }) },
    { weight: 1, arbitrary: hostileValue },
    {
      weight: 1,
      arbitrary: fc.array(fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: 4 }), { maxLength: 3 }),
    },
  )
}

/** A query string over the route's own parameter names (plus unknown ones), repeated keys included. */
export function hostileQuery(names: string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.constantFrom(...names, 'zzz', '__proto__'), hostileString), { maxLength: 5 })
    .map((pairs) => new URLSearchParams(pairs).toString())
}

/** A path segment: ids that are not ids, overflowing ids, traversal, unicode. Always URL-encoded. */
export const hostilePathSegment: fc.Arbitrary<string> = fc
  .oneof(
    fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map(String),
    fc.constantFrom('0', '-1', '1.5', '1e3', '0x10', '99999999999999999999', 'x'.repeat(3000), '..', '%', 'null'),
    hostileString.filter((s) => s.length < 200),
  )
  .map(encodeSegment)

function encodeSegment(segment: string): string {
  try {
    return encodeURIComponent(segment)
  } catch {
    // A lone surrogate has no UTF-8 form: send the bytes a broken client would (CESU-8 of U+D800) instead.
    return '%ED%A0%80'
  }
}

/** CSV text that is malformed in the usual ways: unbalanced quotes, ragged rows, odd delimiters, formula cells. */
export const hostileCsv: fc.Arbitrary<string> = fc
  .array(
    fc.array(fc.oneof(hostileString, fc.constantFrom('"', '"unclosed', 'a""b', ';', '\r', '\n')), { maxLength: 8 }),
    {
      maxLength: 8,
    },
  )
  .map((rows) => rows.map((cells) => cells.join(',')).join('\r\n'))

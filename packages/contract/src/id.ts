import { z } from 'zod'

// Every id and version the API accepts is a PostgreSQL int4 (serial keys, optimistic-lock counters). Bounding
// them here turns an out-of-range value into a 400 naming the field, instead of a database "value out of range
// for type integer" (a 500) deep in a handler.

export const MAX_INT4 = 2_147_483_647

/** A database id in a JSON body. */
export const Id = z.number().int().positive().max(MAX_INT4)

/** The version a client last read, sent back with a write (409 when it moved on). */
export const Version = z.number().int().positive().max(MAX_INT4)

// Plain decimal only, as the API prints them: coercion read '1e3' as 1000, '0x10' as 16 and ' 5' as 5, so other
// spellings named a record. Leading zeros are refused too: '05' and '5' would be two URLs for one record (in
// caches, logs, audit entries and rate-limit keys), and no client of ours writes them.
export const DECIMAL_ID = /^[1-9][0-9]{0,9}$/

function decimalParam(schema: typeof Id) {
  return z
    .string()
    .regex(DECIMAL_ID, 'must be a positive whole number in plain decimal (no sign, exponent, hex or leading zero)')
    .transform(Number)
    .pipe(schema)
}

/** The same id from a path or query string ("42" → 42). */
export const IdParam = decimalParam(Id)

/** A version from a query string (DELETE …?version=3). */
export const VersionParam = decimalParam(Version)

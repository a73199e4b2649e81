import { z } from 'zod'

// Every id the API accepts is a PostgreSQL int4 (serial) key. Bounding it here turns an out-of-range id into a
// 400 naming the field, instead of a database "value out of range for type integer" deep in a handler.

export const MAX_INT4 = 2_147_483_647

/** A database id in a JSON body. */
export const Id = z.number().int().positive().max(MAX_INT4)

/** The same id from a path or query string ("42" → 42). */
export const IdParam = z.coerce.number().int().positive().max(MAX_INT4)

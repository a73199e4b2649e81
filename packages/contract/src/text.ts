import { z } from 'zod'

// PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"): a string with one that
// reaches a query is a 500, and a CSV export filtered by one aborts after its 200. Request inputs are checked
// once for all at the API's validator (apps/api/src/plugins/validator.ts); CSV cells, which no route schema sees,
// by PlainText.

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)'

/** A string without U+0000: the base of every text a CSV cell can fill. */
export const PlainText = z.string().refine((text) => !text.includes('\u0000'), NUL_MESSAGE)

import type { z } from 'zod'
import { ApiError, sendJson } from '../../lib/http.ts'
import type { MutationMethod } from '../../lib/http.ts'

/**
 * The outcome of a versioned write: saved, or a 409 carrying the row as stored now (`current`, null when it was
 * deleted meanwhile). Every other failure throws ApiError as usual.
 */
export type VersionedResult<T, C = T> =
  { kind: 'saved'; data: T } | { kind: 'conflict'; message: string; current: C | null }

/**
 * sendJson for a write that carries a version: a 409 version_conflict is an expected answer, not an exception —
 * the form needs the other person's values (`current`, read from the error's body) to offer "keep mine" /
 * "use theirs".
 */
export async function sendVersioned<S extends z.ZodType, C extends z.ZodType = S>(
  method: MutationMethod,
  url: string,
  body: unknown,
  schema: S,
  /** The shape of `current` when it differs from the success body (a bulk PUT answers a list, `current` is one row). */
  currentSchema?: C,
): Promise<VersionedResult<z.output<S>, z.output<C>>> {
  try {
    return { kind: 'saved', data: await sendJson(method, url, body, schema) }
  } catch (error) {
    if (!(error instanceof ApiError) || error.error !== 'version_conflict') throw error
    const sent = typeof error.body === 'object' && error.body !== null ? (error.body as { current?: unknown }) : {}
    const current = (currentSchema ?? schema).nullable().safeParse(sent.current ?? null)
    // A `current` of another shape is a drifting API: say so rather than show the row as deleted.
    if (!current.success) {
      throw new ApiError(
        { status: 409, error: 'invalid_response', message: `Unexpected conflict answer from ${url}` },
        error.body,
      )
    }
    return { kind: 'conflict', message: error.message, current: current.data as z.output<C> | null }
  }
}

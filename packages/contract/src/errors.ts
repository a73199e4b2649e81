import { z } from 'zod'

/** The body of every 4xx/5xx answer. `field` names the offending input, e.g. `body.email` or `query.period`. */
export const ErrorBody = z.object({
  error: z.string().describe('machine-readable code, e.g. validation_failed, not_found'),
  message: z.string().describe('human-readable explanation; never a stack trace'),
  field: z.string().optional().describe('the input that was rejected, as <part>.<path>'),
})
export type ErrorBody = z.infer<typeof ErrorBody>

/** The 409 of an optimistic-version write; `current` is the entity as stored now (null when it was deleted meanwhile). */
export function versionConflictBody<T extends z.ZodType>(current: T) {
  return z.object({
    error: z.literal('version_conflict'),
    message: z.string(),
    field: z.string().optional(),
    current: current.nullable(),
  })
}

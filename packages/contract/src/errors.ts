import { z } from 'zod'

/** The body of every 4xx/5xx answer. `field` names the offending input, e.g. `body.email` or `query.period`. */
export const ErrorBody = z.object({
  error: z.string().describe('machine-readable code, e.g. validation_failed, not_found'),
  message: z.string().describe('human-readable explanation; never a stack trace'),
  field: z.string().optional().describe('the input that was rejected, as <part>.<path>'),
  rule: z
    .string()
    .optional()
    .describe(
      'which rule the field broke, for a client to word in its language: a zod issue code (too_small) or e.g. threshold.green-below-orange',
    ),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe("the rule's numbers, e.g. { minimum: 1, origin: 'string' }"),
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

import { z } from 'zod'

export const HealthUp = z.object({ status: z.literal('ok'), db: z.literal('up') })

export const HealthDown = z.object({
  status: z.literal('degraded'),
  db: z.literal('down'),
  message: z
    .string()
    .describe('why the database is considered down, e.g. "database unavailable: connect ECONNREFUSED"'),
})

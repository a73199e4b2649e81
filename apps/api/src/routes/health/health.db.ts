import type pg from 'pg'

export type PingResult = { up: true } | { up: false; reason: string }

/**
 * Asks the database `SELECT 1` and waits at most `timeoutMs`. A hung server (or a pool whose clients are all
 * busy) must not hang the health check, so the answer races a timer; the query itself is left to finish or fail.
 */
export async function pingDatabase(pool: pg.Pool, { timeoutMs }: { timeoutMs: number }): Promise<PingResult> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<PingResult>((resolve) => {
    timer = setTimeout(() => resolve({ up: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs)
  })
  const query = pool.query('SELECT 1').then(
    (): PingResult => ({ up: true }),
    (error: unknown): PingResult => ({ up: false, reason: describe(error) }),
  )
  try {
    return await Promise.race([query, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0])
  if (error instanceof Error) return error.message || error.name
  return String(error)
}

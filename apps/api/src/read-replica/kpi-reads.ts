import { setTimeout as sleep } from 'node:timers/promises'
import type pg from 'pg'
import { readDataVersion, type DataVersion } from '../kpi/answer-cache.ts'

/**
 * Where a KPI answer's aggregates are read: the streaming read replica once it has replayed the data version the
 * request read on the primary, else the primary (docs/decisions/0042-read-replica.md). So an answer is never older
 * than what the primary had committed when the request began — a person's own acknowledged write included — and
 * the answer cache's key (that version) stays what it is: the same version, the same figures, either server.
 */
export type KpiReadsOptions = {
  primary: pg.Pool
  /** The read replica's pool; null: every read goes to the primary. */
  replica: pg.Pool | null
  /** How long to wait for the replica to replay the version before reading the primary instead. */
  maxWaitMs: number
  /** How often to look while waiting. */
  pollMs?: number
  /** After the replica failed (down, restarting, a query cancelled by replay), the primary serves this long. */
  restMs?: number
}

export type ReadServer = 'replica' | 'primary'

/** What served the reads since start: observable by tests and the benchmark. */
export type KpiReadCounts = {
  replica: number
  /** The replica had not replayed the version within maxWaitMs. */
  primaryBehind: number
  /** The replica failed or was resting after a failure. */
  primaryAfterError: number
}

/**
 * True when the replica's data version is the primary's or later: the same counter and the same time it last moved
 * (else it is another database: restored, rebuilt), or a higher counter (writes after the request began; the
 * primary would have read them too). A version never written (counter 0) is never trusted to the replica: the
 * organisation may not have reached it yet.
 */
export function replicaHasReached(replica: DataVersion, primary: DataVersion): boolean {
  if (primary.counter === 0n) return false
  return (
    replica.counter > primary.counter ||
    (replica.counter === primary.counter && replica.changedAt === primary.changedAt)
  )
}

/**
 * Errors that say the replica cannot serve now, so the primary should: the connection (refused, reset, timed out,
 * class 08), the server shutting down or starting (57P*), too many connections (53*), a query cancelled because
 * replay had to remove rows it still needed (40001, "conflict with recovery"), and a statement that writes (25006:
 * KPI reads must not, but if one ever does the person still gets the answer; read-replica.test.ts, which expects
 * the replica to compute, then fails). Anything else is a bug that the primary would hit as well, and is thrown.
 */
export function isReplicaTrouble(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && /^(08|57P|53|40001$|25006$|E[A-Z]+$)/.test(code)) return true
  const message = error instanceof Error ? error.message : ''
  return /Connection terminated|timeout exceeded when trying to connect|connection error/i.test(message)
}

export class KpiReads {
  readonly #primary: pg.Pool
  readonly #replica: pg.Pool | null
  readonly #maxWaitMs: number
  readonly #pollMs: number
  readonly #restMs: number
  #restUntil = 0
  readonly counts: KpiReadCounts = { replica: 0, primaryBehind: 0, primaryAfterError: 0 }

  constructor({ primary, replica, maxWaitMs, pollMs = 10, restMs = 5_000 }: KpiReadsOptions) {
    this.#primary = primary
    this.#replica = replica
    this.#maxWaitMs = maxWaitMs
    this.#pollMs = pollMs
    this.#restMs = restMs
  }

  /** Is there a read replica at all (else every read is the primary's and nothing is said about it)? */
  get replicated(): boolean {
    return this.#replica !== null
  }

  /** Runs `read` on the replica when it has replayed `version` of the organisation, else on the primary. */
  async read<T>(
    organizationId: number,
    version: DataVersion,
    read: (pool: pg.Pool) => Promise<T>,
  ): Promise<{ value: T; from: ReadServer }> {
    const replica = this.#replica
    if (replica === null || version.counter === 0n) return { value: await read(this.#primary), from: 'primary' }
    if (Date.now() < this.#restUntil) return this.#onPrimary('primaryAfterError', read)
    try {
      if (!(await this.#waitFor(replica, organizationId, version))) return this.#onPrimary('primaryBehind', read)
      const value = await read(replica)
      this.counts.replica++
      return { value, from: 'replica' }
    } catch (error) {
      if (!isReplicaTrouble(error)) throw error
      this.#restUntil = Date.now() + this.#restMs
      return this.#onPrimary('primaryAfterError', read)
    }
  }

  async #onPrimary<T>(
    reason: Exclude<keyof KpiReadCounts, 'replica'>,
    read: (pool: pg.Pool) => Promise<T>,
  ): Promise<{ value: T; from: ReadServer }> {
    this.counts[reason]++
    return { value: await read(this.#primary), from: 'primary' }
  }

  /** Polls the replica's version (a primary-key lookup) until it has reached `version`, for at most maxWaitMs. */
  async #waitFor(replica: pg.Pool, organizationId: number, version: DataVersion): Promise<boolean> {
    const deadline = Date.now() + this.#maxWaitMs
    for (;;) {
      if (replicaHasReached(await readDataVersion(replica, organizationId), version)) return true
      const leftMs = deadline - Date.now()
      if (leftMs <= 0) return false
      await sleep(Math.min(this.#pollMs, leftMs))
    }
  }
}

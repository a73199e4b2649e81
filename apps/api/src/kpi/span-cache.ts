/**
 * Aggregates of finished spans, kept across data versions (issue 19, docs/decisions/0041-span-aggregates-under-writes.md).
 *
 * A dashboard asks each aggregate group for ~14 spans: the period, 11 earlier trend periods and the like-for-like
 * spans. Once a span has ended, its aggregates are a function of the rows alone: every window a group reads besides
 * the span itself (kpis/windows.ts: pipeline as of, conversions until, NRR, CLV, efficiency, cost shares) runs to the
 * span's end, not to `now`. So the trend's finished periods need not be recomputed when someone logs a call today:
 * every version bump records its reach (`kpi_data_changes`, migration 20261209020000), the earliest instant from
 * which a span's aggregates may differ, and an entry of a span [start, end) stays exactly right while every change
 * since it was computed reaches no earlier than `end`.
 *
 * - An entry is stored under the organisation's data version read before its computation started (figureRequest
 *   reads it first), and only while no newer version has been seen: the computation may have read newer rows than
 *   its version (then the log's next reaches are checked against it anyway), never older ones.
 * - `sync` brings an organisation to a newer version: one indexed range read of the log since the last version
 *   seen, then entries with `end` past the smallest reach are dropped. A gap in the log (pruned) or a change of any
 *   span drops them all, as does a database whose version history differs (changedAt of the same counter).
 * - Running spans (end after `now`) are never stored: they are computed on every miss of the answer cache.
 * - LRU by entries; `maxEntries: 0` turns it off.
 *
 * Exports: SpanCacheOptions, SpanAggregateCache, SpanAggregates, spanIsFinished.
 */
import type pg from 'pg'
import type { Period, PeriodSettings } from '@kpi/domain/periods'
import { instantMs, type Instant } from '@kpi/domain/time-zone'
import type { DataVersion } from './answer-cache.ts'
import type { ScopeSet } from './scope-set.ts'

export type SpanCacheOptions = {
  /** 0 disables the cache. */
  maxEntries: number
}

/** What loadAggregates needs to use the cache: the cache and the version the request read before anything else. */
export type SpanAggregates = { cache: SpanAggregateCache; version: DataVersion }

/** A span whose aggregates no longer depend on `now` (kpis/windows.ts: every window ends at the span's end). */
export const spanIsFinished = (span: Period, now: Instant) => instantMs(span.end) <= instantMs(now)

type Entry = { organizationId: number; end: number; value: unknown }

type SpanKeyInput = {
  organizationId: number
  group: string
  scopes: ScopeSet
  span: Period
  settings: PeriodSettings
}

export class SpanAggregateCache {
  readonly #maxEntries: number
  /** Map order is the LRU order: least recently used first. */
  readonly #entries = new Map<string, Entry>()
  readonly #seen = new Map<number, DataVersion>()
  /** One sync per organisation at a time: each reads the log from where the previous one left off. */
  readonly #syncs = new Map<number, Promise<void>>()
  hits = 0
  misses = 0
  /** Entries dropped because a change reached their span (observable for tests and the benchmark). */
  dropped = 0

  constructor({ maxEntries }: SpanCacheOptions) {
    this.#maxEntries = maxEntries
  }

  get enabled(): boolean {
    return this.#maxEntries > 0
  }

  get size(): number {
    return this.#entries.size
  }

  /** The key of one group's aggregates of one span for a scope set (the label is presentation: not part of it). */
  static key({ organizationId, group, scopes, span, settings }: SpanKeyInput): string {
    const { type, start, end, startDate, endDate } = span
    const scopeIds = scopes.type === 'org' ? [] : scopes.ids
    return JSON.stringify([
      organizationId,
      group,
      scopes.type,
      scopeIds,
      type,
      start,
      end,
      startDate,
      endDate,
      settings.timeZone,
      settings.fiscalYearStartMonth,
    ])
  }

  /** Brings the organisation's entries to `version` (see the file header); safe to call on every request. */
  sync(pool: pg.Pool, organizationId: number, version: DataVersion): Promise<void> {
    if (!this.enabled) return Promise.resolve()
    const previous = this.#syncs.get(organizationId) ?? Promise.resolve()
    const next = previous.then(() => this.#syncOne(pool, organizationId, version))
    const settled = next.catch(() => undefined)
    this.#syncs.set(organizationId, settled)
    void settled.then(() => {
      if (this.#syncs.get(organizationId) === settled) this.#syncs.delete(organizationId)
    })
    return next
  }

  async #syncOne(pool: pg.Pool, organizationId: number, version: DataVersion): Promise<void> {
    const seen = this.#seen.get(organizationId)
    if (!seen) {
      this.#seen.set(organizationId, version)
      return
    }
    if (version.counter < seen.counter) return // a request that read its version before a newer one was seen
    if (version.counter === seen.counter) {
      if (version.changedAt !== seen.changedAt) this.#replace(organizationId, version, -Infinity)
      return
    }
    // Milliseconds as a float: 'infinity' (a change no aggregate reads) comes back as Infinity.
    const { rows } = await pool.query<{ changes: number; anywhere: boolean | null; reach: number | null }>(
      `SELECT count(*)::int AS changes, bool_or(reach_from IS NULL) AS anywhere,
              (extract(EPOCH FROM min(reach_from)) * 1000)::float8 AS reach
         FROM kpi_data_changes WHERE organization_id = $1 AND version > $2 AND version <= $3`,
      [organizationId, seen.counter.toString(), version.counter.toString()],
    )
    const { changes, anywhere, reach } = rows[0]!
    // A newer version seen meanwhile by another sync is not possible: syncs of an organisation run one at a time.
    const complete = BigInt(changes) === version.counter - seen.counter
    this.#replace(organizationId, version, !complete || anywhere ? -Infinity : (reach ?? Infinity))
  }

  /** Keeps the organisation's entries that end at or before `reach` (ms) and notes the version. */
  #replace(organizationId: number, version: DataVersion, reach: number): void {
    for (const [key, entry] of this.#entries)
      if (entry.organizationId === organizationId && entry.end > reach) {
        this.#entries.delete(key)
        this.dropped++
      }
    this.#seen.set(organizationId, version)
  }

  /** Entries per group ('leads part' for the parts of running periods' leads): for tests and the benchmark. */
  entriesByGroup(): Record<string, number> {
    const counts: Record<string, number> = {}
    for (const key of this.#entries.keys()) {
      const group = (JSON.parse(key) as unknown[])[1] as string
      counts[group] = (counts[group] ?? 0) + 1
    }
    return counts
  }

  get(key: string): unknown {
    const entry = this.#entries.get(key)
    if (!entry) {
      this.misses++
      return undefined
    }
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    this.hits++
    return entry.value
  }

  /** Stores a finished span's aggregates computed under `version`, unless a newer version was seen since. */
  set(key: string, organizationId: number, version: DataVersion, span: Period, value: unknown): void {
    if (!this.enabled) return
    const seen = this.#seen.get(organizationId)
    if (!seen || seen.counter !== version.counter || seen.changedAt !== version.changedAt) return
    this.#entries.delete(key)
    this.#entries.set(key, { organizationId, end: instantMs(span.end), value })
    for (const [oldest] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries) break
      this.#entries.delete(oldest)
    }
  }
}

/**
 * The KPI answer cache: finished dashboard / KPI-detail answers per organisation, keyed on the organisation's data
 * version that PostgreSQL bumps in every writer's transaction (table `kpi_data_versions`, kept by the triggers of
 * migration 20261125030000). Why this is correct and what it does not cover: docs/decisions/0008-kpi-answer-cache.md.
 *
 * - Answers are kept as their JSON text: a hit is sent as it is, without serialising again.
 * - An LRU bounded by entries and by approximate bytes; `maxEntries: 0` turns it off (every call computes).
 * - Single-flight: concurrent misses for one key share one computation.
 * - Stale while revalidate, for `now` only: an answer of the same data version computed in an earlier minute
 *   (up to STALE_MINUTES ago) is served at once while one background computation brings it to this minute. A
 *   new data version is never served stale: after a write the next answer is computed.
 * - Errors are never cached: a rejected computation leaves nothing behind.
 * - Once a newer version of an organisation is seen, its older entries are dropped (they can never hit again);
 *   other organisations' entries stay.
 *
 * Exports: DataVersion, DataVersionRow, DATA_VERSION_JOIN, DATA_VERSION_COLUMNS, dataVersionFrom, readDataVersion,
 * STALE_MINUTES, AnswerKeyInput, AnswerKey, answerKey, CachedAnswer, etagOf, matchesEtag, AnswerCacheOptions,
 * AnswerCache.
 */
import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { Instant } from '@kpi/domain/time-zone'

/**
 * An organisation's data version: the counter orders versions; when it last moved tells a counter of a restored or
 * rebuilt database apart from the same number seen before (both are in the key, so such a database never gets
 * answers cached for the old one).
 */
export type DataVersion = { counter: bigint; changedAt: string }

/** The columns `dataVersionFrom` reads. */
export type DataVersionRow = { data_version: string | null; data_changed_at: Date | null }

/** The organisation's data version beside `organizations org` (a primary-key join; null when never written). */
export const DATA_VERSION_JOIN = 'left join kpi_data_versions v on v.organization_id = org.id'
export const DATA_VERSION_COLUMNS = 'v.version::text as data_version, v.changed_at as data_changed_at'

export function dataVersionFrom(row: DataVersionRow | undefined): DataVersion {
  return row?.data_version != null && row.data_changed_at != null
    ? { counter: BigInt(row.data_version), changedAt: row.data_changed_at.toISOString() }
    : { counter: 0n, changedAt: '' }
}

/** The organisation's data version: one primary-key lookup; counter 0 when nothing was ever written. */
export async function readDataVersion(pool: pg.Pool, organizationId: number): Promise<DataVersion> {
  const { rows } = await pool.query<DataVersionRow>(
    `SELECT ${DATA_VERSION_COLUMNS} FROM organizations org ${DATA_VERSION_JOIN} WHERE org.id = $1`,
    [organizationId],
  )
  return dataVersionFrom(rows[0])
}

/** Running periods are cut at `now`; one answer serves every request of the same UTC minute. */
const NOW_BUCKET_MS = 60_000

/**
 * How many minutes behind `now` an answer of the current data version may be served while it is recomputed in
 * the background. Past that (nobody asked for a while), the request waits for a fresh computation.
 */
export const STALE_MINUTES = 10

export type AnswerKeyInput = {
  organizationId: number
  version: DataVersion
  /** Which answer: 'dashboard', 'kpi-detail', … */
  kind: string
  now: Instant
  /** Every other request parameter that changes the answer (scope, period type, date, locale, key, paging, viewer). */
  params: Record<string, string | number | boolean | readonly (string | number)[] | undefined>
}

/** `text` names the answer (everything but the minute); `minute` is the UTC minute of `now` it is asked for. */
export type AnswerKey = { organizationId: number; version: bigint; minute: number; text: string }

export function answerKey({ organizationId, version, kind, now, params }: AnswerKeyInput): AnswerKey {
  const minute = Math.floor(Date.parse(now) / NOW_BUCKET_MS)
  // Sorted names: the same parameters in another order are the same answer.
  const named = Object.keys(params)
    .sort()
    .map((name) => [name, params[name] ?? null])
  const stamp = `${version.counter}@${version.changedAt}`
  return {
    organizationId,
    version: version.counter,
    minute,
    text: JSON.stringify([organizationId, stamp, kind, named]),
  }
}

/** An answer as the cache holds it: its JSON text and the minute of `now` it was computed for. */
export type CachedAnswer = { json: string; minute: number }

/** A weak validator (same answer, same minute → the same figures; `now` inside the answer may differ). */
export function etagOf(key: AnswerKey, minute: number): string {
  return `W/"${createHash('sha256').update(`${key.text}@${minute}`).digest('base64url').slice(0, 27)}"`
}

/** Does an If-None-Match header name this ETag (weak comparison, as RFC 9110 asks for If-None-Match)? */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag))
}

export type AnswerCacheOptions = {
  /** 0 disables the cache. */
  maxEntries: number
  /** Approximate bytes of all cached answers (their JSON text, two bytes per character). */
  maxBytes: number
}

type Entry = CachedAnswer & { bytes: number; organizationId: number }

export class AnswerCache {
  readonly #maxEntries: number
  readonly #maxBytes: number
  /** Map order is the LRU order: least recently used first. */
  readonly #entries = new Map<string, Entry>()
  readonly #inFlight = new Map<string, Promise<CachedAnswer>>()
  readonly #latestVersion = new Map<number, bigint>()
  #bytes = 0
  /** Computations started (misses that ran `compute`): observable for tests and the benchmark. */
  computations = 0
  hits = 0
  /** Answers served from an earlier minute while a background computation refreshed them. */
  staleHits = 0

  constructor({ maxEntries, maxBytes }: AnswerCacheOptions) {
    this.#maxEntries = maxEntries
    this.#maxBytes = maxBytes
  }

  get enabled(): boolean {
    return this.#maxEntries > 0
  }

  get size(): number {
    return this.#entries.size
  }

  get bytes(): number {
    return this.#bytes
  }

  /**
   * The cached answer for `key`: this minute's, or an earlier minute's of the same version (refreshed in the
   * background), or the one computation for it in flight, or a new computation. `compute` returns JSON text.
   */
  async answer(key: AnswerKey, compute: () => Promise<string>): Promise<CachedAnswer> {
    if (!this.enabled) {
      this.computations++
      return { json: await compute(), minute: key.minute }
    }
    const current = this.#observe(key)
    const cached = this.#entries.get(key.text)
    if (cached) {
      this.#entries.delete(key.text)
      this.#entries.set(key.text, cached)
      const answer = { json: cached.json, minute: cached.minute }
      if (cached.minute >= key.minute) {
        this.hits++
        return answer
      }
      if (key.minute - cached.minute <= STALE_MINUTES) {
        this.staleHits++
        // A failed refresh leaves the entry as it is; the next request tries again.
        this.#compute(key, compute, current).catch(() => undefined)
        return answer
      }
    }
    return this.#compute(key, compute, current)
  }

  /** One computation per answer at a time (single flight); kept when its version is still the newest seen. */
  #compute(key: AnswerKey, compute: () => Promise<string>, current: boolean): Promise<CachedAnswer> {
    const running = this.#inFlight.get(key.text)
    if (running) return running
    this.computations++
    const computation = compute()
      .then((json) => {
        const answer = { json, minute: key.minute }
        // A request that read its version before a newer one was seen computes, but stores nothing.
        if (current && this.#latestVersion.get(key.organizationId) === key.version) this.#store(key, answer)
        return answer
      })
      .finally(() => this.#inFlight.delete(key.text))
    this.#inFlight.set(key.text, computation)
    return computation
  }

  /** Notes the version; false when a newer one of the organisation was seen already. */
  #observe(key: AnswerKey): boolean {
    const version = key.version
    const latest = this.#latestVersion.get(key.organizationId)
    if (latest !== undefined && version < latest) return false
    if (latest === undefined || version > latest) {
      this.#latestVersion.set(key.organizationId, version)
      // Entries of older versions can never be asked for again.
      for (const [text, entry] of this.#entries)
        if (entry.organizationId === key.organizationId) this.#delete(text, entry)
    }
    return true
  }

  #store(key: AnswerKey, answer: CachedAnswer): void {
    // UTF-16 in memory: two bytes per character of the JSON text.
    const bytes = 2 * answer.json.length
    if (bytes > this.#maxBytes) return
    const previous = this.#entries.get(key.text)
    if (previous) {
      if (previous.minute > answer.minute) return
      this.#delete(key.text, previous)
    }
    this.#entries.set(key.text, { ...answer, bytes, organizationId: key.organizationId })
    this.#bytes += bytes
    for (const [text, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break
      this.#delete(text, entry)
    }
  }

  #delete(text: string, entry: Entry): void {
    this.#entries.delete(text)
    this.#bytes -= entry.bytes
  }
}

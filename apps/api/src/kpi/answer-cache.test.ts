import { describe, expect, test } from 'vitest'
import { AnswerCache, answerKey, etagOf, matchesEtag, STALE_MINUTES, type AnswerKeyInput } from './answer-cache.ts'

// The cache on its own: keys, bounds, versions, errors, minutes. (Over HTTP and PostgreSQL:
// routes/dashboard/dashboard.cache.test.ts.)

const key = (overrides: Partial<AnswerKeyInput> = {}) =>
  answerKey({
    organizationId: 1,
    version: { counter: 5n, changedAt: '2026-03-10T11:00:00.000Z' },
    kind: 'dashboard',
    now: '2026-03-10T12:00:30.000Z',
    params: { scope: 'org', periodType: 'month', date: '2026-03-10', locale: 'en' },
    ...overrides,
  })

const v = (counter: number) => ({ counter: BigInt(counter), changedAt: '2026-03-10T11:00:00.000Z' })
/** `now` that many minutes after the default key's minute (12:00). */
const minutesLater = (minutes: number) =>
  new Date(Date.parse('2026-03-10T12:00:30.000Z') + minutes * 60_000).toISOString()
const json = (value: unknown) => async () => JSON.stringify(value)
const MB = 1024 * 1024

/** The parsed answer the cache gives for `k`. */
async function read(cache: AnswerCache, k: ReturnType<typeof key>, compute: () => Promise<string>): Promise<unknown> {
  return JSON.parse((await cache.answer(k, compute)).json) as unknown
}

describe('answerKey', () => {
  test('one answer per organisation, version, kind and parameter set; the minute of now travels beside it', () => {
    expect(key().minute).toBe(key({ now: '2026-03-10T12:00:00.000Z' }).minute)
    expect(key().minute).toBe(key({ now: '2026-03-10T12:00:59.999Z' }).minute)
    expect(key({ now: '2026-03-10T12:01:00.000Z' }).minute).toBe(key().minute + 1)
    expect(key({ now: '2026-03-10T12:01:00.000Z' }).text).toBe(key().text)
    // Parameter order does not matter; any value does.
    expect(key({ params: { locale: 'en', date: '2026-03-10', periodType: 'month', scope: 'org' } }).text).toBe(
      key().text,
    )
    for (const other of [
      key({ organizationId: 2 }),
      key({ version: v(6) }),
      // The same counter moved at another time: a restored or rebuilt database.
      key({ version: { counter: 5n, changedAt: '2026-03-10T11:00:00.001Z' } }),
      key({ kind: 'kpi-detail' }),
      key({ params: { scope: 'team:1', periodType: 'month', date: '2026-03-10', locale: 'en' } }),
      key({ params: { scope: 'org', periodType: 'month', date: '2026-03-10', locale: 'nl' } }),
      key({ params: { scope: 'org', periodType: 'month', date: '2026-03-10', locale: 'en', page: 2 } }),
    ])
      expect(other.text).not.toBe(key().text)
  })

  test('ETag: weak, stable per answer and minute; If-None-Match compares weakly, takes lists and *', () => {
    const etag = etagOf(key(), key().minute)
    expect(etag).toMatch(/^W\/"[\w-]{27}"$/)
    expect(etagOf(key(), key().minute)).toBe(etag)
    expect(etagOf(key({ version: v(6) }), key().minute)).not.toBe(etag)
    expect(etagOf(key(), key().minute + 1)).not.toBe(etag)
    expect(matchesEtag(etag, etag)).toBe(true)
    expect(matchesEtag(etag.slice(2), etag)).toBe(true)
    expect(matchesEtag(`W/"other", ${etag}`, etag)).toBe(true)
    expect(matchesEtag('*', etag)).toBe(true)
    expect(matchesEtag('W/"other"', etag)).toBe(false)
    expect(matchesEtag(undefined, etag)).toBe(false)
  })
})

describe('AnswerCache', () => {
  test('a hit does not compute; an entry bound evicts the least recently used', async () => {
    const cache = new AnswerCache({ maxEntries: 2, maxBytes: MB })
    const [a, b, c] = ['org', 'team:1', 'team:2'].map((scope) => key({ params: { scope } }))
    let runs = 0
    const compute = async () => JSON.stringify({ run: ++runs })
    expect(await read(cache, a!, compute)).toEqual({ run: 1 })
    expect(await read(cache, a!, compute)).toEqual({ run: 1 })
    await cache.answer(b!, compute) // run 2
    await cache.answer(a!, compute) // a used last → b is the least recently used
    await cache.answer(c!, compute) // run 3, evicts b
    expect(cache.size).toBe(2)
    expect(await read(cache, a!, compute)).toEqual({ run: 1 })
    expect(await read(cache, b!, compute)).toEqual({ run: 4 })
    expect([cache.computations, cache.hits]).toEqual([4, 3])
  })

  test('a byte bound: answers are counted at two bytes per JSON character; one too big is not kept', async () => {
    const answer = { text: 'x'.repeat(100) } // {"text":"xxx…"} = 111 characters → 222 bytes
    const cache = new AnswerCache({ maxEntries: 100, maxBytes: 500 })
    await cache.answer(key({ params: { n: 1 } }), json(answer))
    await cache.answer(key({ params: { n: 2 } }), json(answer))
    expect([cache.size, cache.bytes]).toEqual([2, 444])
    await cache.answer(key({ params: { n: 3 } }), json(answer))
    expect([cache.size, cache.bytes]).toEqual([2, 444])
    await cache.answer(key({ params: { n: 4 } }), json({ text: 'x'.repeat(300) }))
    expect([cache.size, cache.bytes]).toEqual([2, 444])
  })

  test('concurrent misses for one key share one computation', async () => {
    const cache = new AnswerCache({ maxEntries: 10, maxBytes: MB })
    let release!: (value: string) => void
    const pending = new Promise<string>((resolve) => (release = resolve))
    const answers = Array.from({ length: 20 }, () => cache.answer(key(), () => pending))
    release('{"ok":true}')
    expect((await Promise.all(answers)).map((a) => a.json)).toEqual(Array.from({ length: 20 }, () => '{"ok":true}'))
    expect(cache.computations).toBe(1)
  })

  test('errors are never cached: every waiter gets the error, the next call computes again', async () => {
    const cache = new AnswerCache({ maxEntries: 10, maxBytes: MB })
    const failing = () => Promise.reject(new Error('database down'))
    await expect(Promise.all([cache.answer(key(), failing), cache.answer(key(), failing)])).rejects.toThrow(
      'database down',
    )
    expect([cache.computations, cache.size]).toEqual([1, 0])
    expect(await read(cache, key(), json({ ok: true }))).toEqual({ ok: true })
    expect(cache.computations).toBe(2)
  })

  test("a newer version drops that organisation's older answers, not another's; an older version is not stored", async () => {
    const cache = new AnswerCache({ maxEntries: 10, maxBytes: MB })
    await cache.answer(key({ version: v(5) }), json({ v: 5 }))
    await cache.answer(key({ organizationId: 2, version: v(9) }), json({ org2: true }))
    expect(cache.size).toBe(2)
    await cache.answer(key({ version: v(6) }), json({ v: 6 }))
    expect(cache.size).toBe(2) // org 1 at version 6, org 2 at 9
    // A request that read version 5 before 6 was seen: answered, not kept.
    expect(await read(cache, key({ version: v(5) }), json({ v: 5 }))).toEqual({ v: 5 })
    expect(cache.size).toBe(2)
    expect(await read(cache, key({ organizationId: 2, version: v(9) }), json({ org2: false }))).toEqual({ org2: true })
  })

  test("a later minute of the same version: the earlier minute's answer at once, one refresh behind it", async () => {
    const cache = new AnswerCache({ maxEntries: 10, maxBytes: MB })
    await cache.answer(key(), json({ at: '12:00' }))
    let release!: (value: string) => void
    const refresh = new Promise<string>((resolve) => (release = resolve))
    const later = key({ now: minutesLater(1) })
    // Three requests in the next minute: all get 12:00's answer and its minute (so its ETag), one refresh runs.
    for (let i = 0; i < 3; i++)
      expect(await cache.answer(later, () => refresh)).toEqual({ json: '{"at":"12:00"}', minute: key().minute })
    expect([cache.computations, cache.staleHits]).toEqual([2, 3])
    release('{"at":"12:01"}')
    await refresh
    await new Promise((resolve) => setImmediate(resolve))
    expect(await cache.answer(later, json({ never: true }))).toEqual({ json: '{"at":"12:01"}', minute: later.minute })
    // A request still in 12:00 (a slower clock) gets the newer answer; nothing is computed for it.
    expect(await read(cache, key(), json({ never: true }))).toEqual({ at: '12:01' })
    expect(cache.computations).toBe(2)
  })

  test('a failed background refresh keeps the answer; past STALE_MINUTES the request waits for a fresh one', async () => {
    const cache = new AnswerCache({ maxEntries: 10, maxBytes: MB })
    await cache.answer(key(), json({ at: '12:00' }))
    const failing = () => Promise.reject(new Error('database down'))
    expect(await read(cache, key({ now: minutesLater(1) }), failing)).toEqual({ at: '12:00' })
    await new Promise((resolve) => setImmediate(resolve))
    expect(await read(cache, key({ now: minutesLater(STALE_MINUTES) }), json({ at: 'fresh' }))).toEqual({ at: '12:00' })
    await new Promise((resolve) => setImmediate(resolve))
    // The refresh at STALE_MINUTES stored 'fresh'; past the window after that, nothing stale is served.
    const tooLate = key({ now: minutesLater(2 * STALE_MINUTES + 1) })
    await expect(cache.answer(tooLate, failing)).rejects.toThrow('database down')
  })

  test('maxEntries 0: off — computes every time, keeps nothing', async () => {
    const cache = new AnswerCache({ maxEntries: 0, maxBytes: MB })
    expect(cache.enabled).toBe(false)
    await cache.answer(key(), json({ ok: true }))
    await cache.answer(key(), json({ ok: true }))
    expect([cache.computations, cache.size]).toEqual([2, 0])
  })
})

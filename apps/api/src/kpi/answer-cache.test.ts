import { describe, expect, test } from 'vitest'
import { AnswerCache, answerKey, etagOf, matchesEtag, type AnswerKeyInput } from './answer-cache.ts'

// The cache on its own: keys, bounds, versions, errors. (Over HTTP and PostgreSQL: routes/dashboard/dashboard.cache.test.ts.)

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
const big = { ok: true }
const MB = 1024 * 1024

describe('answerKey', () => {
  test('one key per organisation, version, kind, parameter set and UTC minute of now', () => {
    expect(key().text).toBe(key({ now: '2026-03-10T12:00:00.000Z' }).text)
    expect(key().text).toBe(key({ now: '2026-03-10T12:00:59.999Z' }).text)
    expect(key().text).not.toBe(key({ now: '2026-03-10T12:01:00.000Z' }).text)
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

  test('ETag: weak, stable per key; If-None-Match compares weakly, takes lists and *', () => {
    const etag = etagOf(key())
    expect(etag).toMatch(/^W\/"[\w-]{27}"$/)
    expect(etagOf(key())).toBe(etag)
    expect(etagOf(key({ version: v(6) }))).not.toBe(etag)
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
    const compute = async () => ({ run: ++runs })
    expect(await cache.answer(a!, compute)).toEqual({ run: 1 })
    expect(await cache.answer(a!, compute)).toEqual({ run: 1 })
    await cache.answer(b!, compute) // run 2
    await cache.answer(a!, compute) // a used last → b is the least recently used
    await cache.answer(c!, compute) // run 3, evicts b
    expect(cache.size).toBe(2)
    expect(await cache.answer(a!, compute)).toEqual({ run: 1 })
    expect(await cache.answer(b!, compute)).toEqual({ run: 4 })
    expect([cache.computations, cache.hits]).toEqual([4, 3])
  })

  test('a byte bound: answers are counted at twice their JSON length; one too big is not kept', async () => {
    const answer = { text: 'x'.repeat(100) } // {"text":"xxx…"} = 111 characters → 222 bytes
    const cache = new AnswerCache({ maxEntries: 100, maxBytes: 500 })
    await cache.answer(key({ params: { n: 1 } }), async () => answer)
    await cache.answer(key({ params: { n: 2 } }), async () => answer)
    expect([cache.size, cache.bytes]).toEqual([2, 444])
    await cache.answer(key({ params: { n: 3 } }), async () => answer)
    expect([cache.size, cache.bytes]).toEqual([2, 444])
    await cache.answer(key({ params: { n: 4 } }), async () => ({ text: 'x'.repeat(300) }))
    expect([cache.size, cache.bytes]).toEqual([2, 444])
  })

  test('concurrent misses for one key share one computation', async () => {
    const cache = new AnswerCache({ maxEntries: 10, maxBytes: MB })
    let release!: (value: object) => void
    const pending = new Promise<object>((resolve) => (release = resolve))
    const answers = Array.from({ length: 20 }, () => cache.answer(key(), () => pending))
    release(big)
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 20 }, () => big))
    expect(cache.computations).toBe(1)
  })

  test('errors are never cached: every waiter gets the error, the next call computes again', async () => {
    const cache = new AnswerCache({ maxEntries: 10, maxBytes: MB })
    const failing = () => Promise.reject(new Error('database down'))
    await expect(Promise.all([cache.answer(key(), failing), cache.answer(key(), failing)])).rejects.toThrow(
      'database down',
    )
    expect([cache.computations, cache.size]).toEqual([1, 0])
    expect(await cache.answer(key(), async () => big)).toBe(big)
    expect(cache.computations).toBe(2)
  })

  test("a newer version drops that organisation's older answers, not another's; an older version is not stored", async () => {
    const cache = new AnswerCache({ maxEntries: 10, maxBytes: MB })
    await cache.answer(key({ version: v(5) }), async () => ({ v: 5 }))
    await cache.answer(key({ organizationId: 2, version: v(9) }), async () => ({ org2: true }))
    expect(cache.size).toBe(2)
    await cache.answer(key({ version: v(6) }), async () => ({ v: 6 }))
    expect(cache.size).toBe(2) // org 1 at version 6, org 2 at 9
    // A request that read version 5 before 6 was seen: answered, not kept.
    expect(await cache.answer(key({ version: v(5) }), async () => ({ v: 5 }))).toEqual({ v: 5 })
    expect(cache.size).toBe(2)
    expect(await cache.answer(key({ organizationId: 2, version: v(9) }), async () => ({ org2: false }))).toEqual({
      org2: true,
    })
  })

  test('maxEntries 0: off — computes every time, keeps nothing', async () => {
    const cache = new AnswerCache({ maxEntries: 0, maxBytes: MB })
    expect(cache.enabled).toBe(false)
    await cache.answer(key(), async () => big)
    await cache.answer(key(), async () => big)
    expect([cache.computations, cache.size]).toEqual([2, 0])
  })
})

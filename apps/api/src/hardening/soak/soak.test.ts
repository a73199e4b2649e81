import { expect, test } from 'vitest'
import { failedBars, formatReport, percentile, runSoak, type RoundReport, type SoakReport } from './soak.ts'

// The CI cut of `pnpm soak` (run.ts): the same code path — pnpm start on a fresh embedded PostgreSQL with the
// demo data, the same mix and the same bars — with 50 clients × 8 s × 2 rounds (after the warm-up round) instead of
// 200 × 60 s × 3.

test('percentile is the nearest-rank value', () => {
  const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
  expect(percentile(sorted, 50)).toBe(50)
  expect(percentile(sorted, 95)).toBe(100)
  expect(percentile(sorted, 10)).toBe(10)
  expect(percentile([7], 99)).toBe(7)
})

const MiB = 1024 * 1024

/**
 * A passing report: a warm-up round (clean, at half the memory — caches filling) and two measured rounds of 2
 * dashboards and 2 writes (one 409 config edit), all found again. `rss` and `heap` are MiB after GC per measured
 * round; the instant RSS sample swings wildly and is not a bar.
 */
function report(
  changes: {
    statuses?: Record<number, number>
    rss?: [number, number]
    heap?: [number, number]
    found?: number
  } = {},
): SoakReport {
  const [rss1, rss2] = changes.rss ?? [400, 400]
  const [heap1, heap2] = changes.heap ?? [100, 100]
  const round = (n: number, rss: number, heapUsed: number): RoundReport => ({
    round: n,
    rssKiB: n === 2 ? rss * 1024 * 1.5 : rss * 1024,
    afterGc: {
      rss: rss * MiB,
      heapUsed: heapUsed * MiB,
      heapTotal: 2 * heapUsed * MiB,
      external: MiB,
      arrayBuffers: 0,
    },
    byKind: {
      dashboard: { requests: 2, statuses: (n > 0 && changes.statuses) || { 200: 2 }, latenciesMs: [10, 20] },
      write: { requests: 1, statuses: { 201: 1 }, latenciesMs: [5] },
      config: { requests: 1, statuses: { 409: 1 }, latenciesMs: [7] },
    },
  })
  return {
    options: { clients: 2, durationMs: 1000, rounds: 2 },
    rounds: [round(0, rss1 / 2, heap1 / 2), round(1, rss1, heap1), round(2, rss2, heap2)],
    writes: { acknowledged: 2, found: changes.found ?? 2, byEntity: {} },
    unexpected: [],
    // Dashboards expect 200: every other status in either round is unexpected.
    unexpectedCount:
      2 * Object.entries(changes.statuses ?? {}).reduce((sum, [status, n]) => sum + (status === '200' ? 0 : n), 0),
  }
}

test('the bars: 409s and memory after GC within 10 % of round 1 pass (the warm-up is not compared); a 5xx, no answer, other 4xx, a lost write, RSS or heap used after GC + 11 % fail', () => {
  expect(failedBars(report())).toEqual([])
  expect(failedBars(report({ rss: [400, 439], heap: [100, 109] }))).toEqual([])
  expect(failedBars(report({ rss: [400, 444] }))).toEqual([
    'RSS after GC grew from 400.0 MiB to 444.0 MiB (more than 10 %)',
  ])
  expect(failedBars(report({ heap: [100, 111] }))).toEqual([
    'heap used after GC grew from 100.0 MiB to 111.0 MiB (more than 10 %)',
  ])
  expect(failedBars(report({ found: 1 }))).toEqual(['1 acknowledged writes are missing from the database'])
  // Two rounds with one 500 each; one with no answer at all (status 0).
  expect(failedBars(report({ statuses: { 200: 1, 500: 1 } }))).toEqual(['2 answers were 5xx'])
  expect(failedBars(report({ statuses: { 200: 1, 0: 1 } }))).toEqual([
    '2 requests got no answer (connection error or timeout)',
  ])
  expect(failedBars(report({ statuses: { 200: 1, 400: 1 } }))).toEqual(['2 other unexpected answers'])
})

test('soak (CI cut): 50 clients × 8 s × 2 rounds — no 5xx, no lost write, no heap growth, no runaway RSS', async () => {
  const report = await runSoak({ clients: 50, durationMs: 8_000, rounds: 2 })
  console.info(formatReport(report))
  // Every kind was exercised in every round, so the bars below speak about the whole mix.
  for (const round of report.rounds)
    for (const kind of ['dashboard', 'write', 'config'] as const)
      expect(round.byKind[kind].requests, `round ${round.round} ${kind}`).toBeGreaterThan(0)
  expect(report.writes.found).toBe(report.writes.acknowledged)
  // Every bar, the heap used after a forced GC included (+1.0 to +1.6 % between 8-second rounds in the three runs
  // measured, against 10 %), but RSS after GC: whether the allocator hands pages back to the system is not the
  // API's doing, and short rounds give it no time to settle. RSS only has to stay below a ceiling here.
  expect(failedBars(report).filter((bar) => !bar.startsWith('RSS after GC'))).toEqual([])
  for (const round of report.rounds)
    expect(round.afterGc.rss, `RSS after round ${round.round}`).toBeLessThan(1024 * MiB)
}, 300_000) // initdb + demo load (~30 s on a busy 2-core machine) and 24 s of load

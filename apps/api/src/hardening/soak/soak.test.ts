import { expect, test } from 'vitest'
import { failedBars, formatReport, percentile, runSoak } from './soak.ts'

// The CI cut of `pnpm soak` (run.ts): the same code path — pnpm start on a fresh embedded PostgreSQL with the
// demo data, the same mix and the same bars — with 50 clients × 8 s × 2 rounds instead of 200 × 60 s × 3.

test('percentile is the nearest-rank value', () => {
  const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
  expect(percentile(sorted, 50)).toBe(50)
  expect(percentile(sorted, 95)).toBe(100)
  expect(percentile(sorted, 10)).toBe(10)
  expect(percentile([7], 99)).toBe(7)
})

test('soak (CI cut): 50 clients × 8 s × 2 rounds — no 5xx, no lost write, RSS stable', async () => {
  const report = await runSoak({ clients: 50, durationMs: 8_000, rounds: 2 })
  console.info(formatReport(report))
  // Every kind was exercised in every round, so the bars below speak about the whole mix.
  for (const round of report.rounds)
    for (const kind of ['dashboard', 'write', 'config'] as const)
      expect(round.byKind[kind].requests, `round ${round.round} ${kind}`).toBeGreaterThan(0)
  expect(report.writes.found).toBe(report.writes.acknowledged)
  expect(failedBars(report)).toEqual([])
}, 300_000) // initdb + demo load (~30 s on a busy 2-core machine) and 16 s of load

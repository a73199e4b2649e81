import { failedBars, formatReport, runSoak } from './soak.ts'

// `pnpm soak`: the full load run of issue "Hardening" 1 — 200 clients × 60 s × 3 rounds against `pnpm start` on a
// fresh embedded PostgreSQL with the demo data. Prints the table and exits 1 when a bar fails.
// SOAK_CLIENTS, SOAK_SECONDS and SOAK_ROUNDS override the defaults (e.g. for a quick local try);
// SOAK_HEAP_SNAPSHOTS=<dir> writes a heap snapshot of the API after each round there (to diff with heap-diff.ts
// when memory grows; the snapshot itself raises the API's RSS by ~150 MiB, so only the heap figures stay comparable).

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} must be a positive whole number (got "${raw}")`)
    process.exit(2)
  }
  return value
}

const report = await runSoak({
  clients: positiveInt('SOAK_CLIENTS', 200),
  durationMs: positiveInt('SOAK_SECONDS', 60) * 1000,
  rounds: positiveInt('SOAK_ROUNDS', 3),
  log: (line) => console.log(`[soak] ${line}`),
  heapSnapshotDir: process.env.SOAK_HEAP_SNAPSHOTS || undefined,
})
console.log(formatReport(report))
const failed = failedBars(report)
if (failed.length > 0) {
  console.log(`soak FAILED:\n${failed.map((bar) => `  - ${bar}`).join('\n')}`)
  process.exit(1)
}
console.log('soak passed: no 5xx, no lost writes, RSS and heap used after GC stable')

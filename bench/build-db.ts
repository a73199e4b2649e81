import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type pg from 'pg'
import { DEFAULT_DEMO_PASSWORD } from '../packages/db/src/demo/accounts.ts'
import { loadDemoDataIfEmpty } from '../packages/db/src/demo/load.ts'
import { BENCH } from '../packages/db/src/demo/options.ts'
import { openStore } from '../packages/db/src/store.ts'

export type Scale = 'full' | 'small'

/** BENCH for `full`; `small` divides the volumes by 20 (same months, teams, reps) so a run takes minutes. */
export function presetFor(scale: Scale) {
  if (scale === 'full') return BENCH
  return { ...BENCH, initialCustomers: BENCH.initialCustomers / 20, leadsPerMonth: BENCH.leadsPerMonth / 20 }
}

export const benchRoot = resolve(import.meta.dirname, '..')
export const dataDirFor = (scale: Scale) => resolve(benchRoot, '.bench-data', scale)

/**
 * Builds the benchmark database under `.bench-data/<scale>/` with the demo generator's bulk loader, once: a
 * `built.json` marker says the load finished (a cut-off load leaves no marker; delete the folder and rerun).
 */
export async function ensureBenchDb(scale: Scale): Promise<{ built: boolean; durationMs?: number; rows?: unknown }> {
  const dataDir = dataDirFor(scale)
  const marker = resolve(dataDir, 'built.json')
  if (existsSync(marker)) return { built: false }
  const startedAt = performance.now()
  mkdirSync(dataDir, { recursive: true })
  const store = await openStore({ dataDir })
  try {
    let lastLog = 0
    const outcome = await loadDemoDataIfEmpty(store.pool, {
      password: DEFAULT_DEMO_PASSWORD,
      preset: presetFor(scale),
      onProgress: (table, rows) => {
        if (Date.now() - lastLog < 5_000) return
        lastLog = Date.now()
        console.log(`  [build ${scale}] ${table}: ${rows.toLocaleString('en')} rows`)
      },
    })
    await settleAfterLoad(store.pool)
    const info = { durationMs: outcome.result?.durationMs, rows: outcome.result?.rows }
    const howBuilt: BuildRecord = {
      fromScratch: true,
      // Everything a new machine waits for: cluster, migrations, generation and load, indexes, statistics.
      minutes: Math.round((performance.now() - startedAt) / 6_000) / 10,
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: benchRoot, encoding: 'utf8' }).trim(),
    }
    writeFileSync(marker, JSON.stringify({ ...info, ...howBuilt, at: new Date().toISOString() }, null, 2))
    return { built: true, ...info }
  } finally {
    await store.close()
  }
}

/**
 * VACUUM after the bulk load, as after any bulk load: until the visibility map is set, an index-only scan (the KPI
 * statements' covering indexes) also reads the heap, and autovacuum would do this work beside the first minutes
 * of measurements instead. Counted in the build's minutes.
 */
export async function settleAfterLoad(pool: pg.Pool): Promise<void> {
  await pool.query('VACUUM (ANALYZE)')
}

/**
 * How the database a bench ran on was built (issue 19): from scratch by this repository's loader and migrations, in
 * how many minutes, at which commit. A database built before a migration and migrated afterwards (or by hand) has
 * no such record and says `fromScratch: false`.
 */
export type BuildRecord = { fromScratch: boolean; minutes?: number; commit?: string }

export function buildRecord(scale: Scale): BuildRecord {
  const marker = resolve(dataDirFor(scale), 'built.json')
  const stored = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as Partial<BuildRecord>) : {}
  return stored.fromScratch
    ? { fromScratch: true, minutes: stored.minutes, commit: stored.commit }
    : { fromScratch: false }
}

if (process.argv[1] === import.meta.filename) {
  const scale = (process.argv[2] ?? 'small') as Scale
  console.log(await ensureBenchDb(scale))
}

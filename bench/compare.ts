// `node bench/compare.ts <before.json> <after.json> [out.md]`: two bench results side by side (the same cases,
// the same database), with after ÷ before per figure. Written for the Node 20 → 24 move (issue 21): run
// `pnpm bench` under each runtime back to back, then compare the two files it wrote.

import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'

type Row = { case: string; firstMs: number; p50: number; p95: number; p99: number; rps: number; oursSeqP50: number }
type Result = {
  at: string
  commit: string
  machine: { node: string; nproc: number; memoryGb: number }
  coldStartMs: number
  maxApiRssDashboardMb?: number
  apiRssAfterLoadMb?: number
  maxApiRssImportMb?: number
  rows: Row[]
  importReflect?: { importMs: number; rowsPerSecond: number; reflectMs: number }
  firstPaint?: { p50: number }
  importOutput?: string[]
}

const [beforeFile, afterFile, outFile] = process.argv.slice(2)
if (!beforeFile || !afterFile) {
  console.error('usage: node bench/compare.ts <before.json> <after.json> [out.md]')
  process.exit(2)
}
const before = JSON.parse(readFileSync(beforeFile, 'utf8')) as Result
const after = JSON.parse(readFileSync(afterFile, 'utf8')) as Result

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || a === 0 ? '' : (b / a).toFixed(2)
const line = (name: string, a: number | undefined, b: number | undefined) =>
  `| ${name} | ${a ?? ''} | ${b ?? ''} | ${ratio(a, b)} |`
/** Wall-clock ms of an import-bench phase ("first", "identical", "changed", "export") from its output line. */
const importMs = (result: Result, phase: string) => {
  const text = result.importOutput?.find((l) => l.startsWith(phase))
  const match = text && /in (\d+) ms/.exec(text)
  return match ? Number(match[1]) : undefined
}
const sum = (rows: Row[], pick: (row: Row) => number) => rows.reduce((total, row) => total + pick(row), 0)

const b = before.machine.node
const a = after.machine.node
const lines = [
  `# Bench: Node ${b} → Node ${a}`,
  '',
  `Before: ${basename(beforeFile)} (${before.at}, commit ${before.commit}). After: ${basename(afterFile)} (${after.at}, ` +
    `commit ${after.commit}). Same machine (${after.machine.nproc} cores, ${after.machine.memoryGb} GB), same ` +
    'database, one run each, back to back. Ratio = after ÷ before (below 1: less time or memory; above 1: more ' +
    'requests per second).',
  '',
  `| figure | Node ${b} | Node ${a} | ratio |`,
  '|---|---|---|---|',
  line('cold start, ms (spawn → first 200 on /api/health)', before.coldStartMs, after.coldStartMs),
  line('API RSS max during dashboard + KPI load, MB', before.maxApiRssDashboardMb, after.maxApiRssDashboardMb),
  line('API RSS after that load, MB', before.apiRssAfterLoadMb, after.apiRssAfterLoadMb),
  line('API RSS max during the 200 k-row import, MB', before.maxApiRssImportMb, after.maxApiRssImportMb),
  line(
    'sum of first (computed) answers over all cases, ms',
    sum(before.rows, (r) => r.firstMs),
    sum(after.rows, (r) => r.firstMs),
  ),
  line(
    'sum of sequential p50s over all cases, ms',
    round(sum(before.rows, (r) => r.oursSeqP50)),
    round(sum(after.rows, (r) => r.oursSeqP50)),
  ),
  line(
    'mean req/s over all cases (10 connections)',
    round(sum(before.rows, (r) => r.rps) / before.rows.length),
    round(sum(after.rows, (r) => r.rps) / after.rows.length),
  ),
  line('import 200 k deals over HTTP, ms', before.importReflect?.importMs, after.importReflect?.importMs),
  line('… until the dashboard shows them, ms', before.importReflect?.reflectMs, after.importReflect?.reflectMs),
  ...['first', 'identical', 'changed', 'export'].map((phase) =>
    line(`import bench "${phase}" 200 k rows, ms`, importMs(before, phase), importMs(after, phase)),
  ),
  line('first dashboard paint p50 in Chromium, ms', before.firstPaint?.p50, after.firstPaint?.p50),
  '',
  `| case | first ms ${b} | first ms ${a} | p50 ${b} | p50 ${a} | p99 ${b} | p99 ${a} | req/s ${b} | req/s ${a} | req/s ratio |`,
  '|---|---|---|---|---|---|---|---|---|---|',
  ...before.rows.map((row) => {
    const other = after.rows.find((candidate) => candidate.case === row.case)
    return `| ${row.case} | ${row.firstMs} | ${other?.firstMs ?? ''} | ${row.p50} | ${other?.p50 ?? ''} | ${row.p99} | ${other?.p99 ?? ''} | ${Math.round(row.rps)} | ${other ? Math.round(other.rps) : ''} | ${ratio(row.rps, other?.rps)} |`
  }),
  '',
]

function round(n: number): number {
  return Math.round(n * 10) / 10
}

const text = lines.join('\n')
if (outFile) writeFileSync(outFile, text)
console.log(text)

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

// Issue 14, F2: one 12 MB quoted field once took 1.3 GB (each 64 KiB step re-joined and flattened the unfinished
// record, and the field kept a slice of every copy alive). Reading must cost memory in proportion to the input:
// measured in a child process (its own heap and peak RSS), with the caps lifted so the scanner reads it all.
const script = fileURLToPath(new URL('./bench/field-memory.ts', import.meta.url))

test('a 12 MB quoted field is read in memory proportional to it', () => {
  const run = spawnSync(process.execPath, [script, '12', '--no-cap'], { encoding: 'utf8', timeout: 120_000 })
  expect(run.status, run.stderr).toBe(0)
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { peakHeapMb: number; outcome: string }
  expect(result.outcome).toBe(`row 2: 1+${12 * 1024 * 1024} chars`)
  // The input itself (12 MB text + 12 MB bytes), the field read back, and a baseline: well under 10× the input.
  expect(result.peakHeapMb).toBeLessThan(120)
})

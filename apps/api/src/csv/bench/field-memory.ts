// Peak memory of reading one CSV with a single quoted field of N MB through readRecords, in 64 KiB chunks as an
// upload arrives (issue 14, F2). Prints one JSON line: { fieldMb, peakRssMb, peakHeapMb, outcome }.
//   node apps/api/src/csv/bench/field-memory.ts <fieldMb> [--no-cap]
// --no-cap lifts the per-field and per-row caps, to measure the scanner itself (memory must grow linearly).
import { readRecords } from '../parse.ts'

const fieldMb = Number(process.argv[2] ?? 12)
const noCap = process.argv.includes('--no-cap')
const text = `name,notes\r\nA,"${'x'.repeat(fieldMb * 1024 * 1024)}"\r\n`
const bytes = Buffer.from(text)

async function* chunks() {
  for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024)
}

let peakHeap = 0
const sample = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5)
let outcome = 'read'
try {
  const caps = noCap ? { maxFieldChars: Infinity, maxRecordChars: Infinity } : {}
  for await (const item of readRecords(chunks(), { maxBytes: 60 * 1024 * 1024, ...caps })) {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
    if ('values' in item) outcome = `row ${item.row}: ${item.values.map((v) => v.length).join('+')} chars`
  }
} catch (error) {
  outcome = `stopped: ${(error as Error).message}`
}
clearInterval(sample)
const mb = (n: number) => Math.round(n / 1024 / 1024)
console.log(
  JSON.stringify({
    fieldMb,
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    peakHeapMb: mb(Math.max(peakHeap, process.memoryUsage().heapUsed)),
    outcome,
  }),
)

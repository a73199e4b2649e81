#!/usr/bin/env node
// Prints the gzip size of the JavaScript a first visit must download: the entry chunk plus every chunk it imports
// statically (dynamic imports — lazy pages — are excluded). Fails above the SPEC §6 budget of 250 KB gzip.
// Usage: node scripts/bundle-size.mjs [distDir] [budgetKb]   (run after `vite build`)
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** Files of the initial load: the entry chunks and the transitive closure of their static `imports`. */
export function initialChunks(manifest) {
  const seen = new Set()
  const visit = (key) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const dep of manifest[key]?.imports ?? []) visit(dep)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key)
  return [...seen].map((key) => manifest[key].file)
}

function main() {
  const here = fileURLToPath(new URL('.', import.meta.url))
  const dist = resolve(process.argv[2] ?? join(here, '..', 'dist'))
  const budgetBytes = Number(process.argv[3] ?? 250) * 1000
  let manifest
  try {
    manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))
  } catch {
    console.error(`No ${join(dist, '.vite', 'manifest.json')}: run \`pnpm --filter @kpi/web build\` first.`)
    process.exit(2)
  }
  const files = initialChunks(manifest).filter((file) => file.endsWith('.js'))
  let total = 0
  for (const file of files) {
    const source = readFileSync(join(dist, file))
    // Level 9 is what static servers and CDNs typically pre-compress with; the budget is about bytes on the wire.
    const gzipBytes = gzipSync(source, { level: 9 }).length
    total += gzipBytes
    console.log(`${file.padEnd(44)} ${kb(source.length).padStart(10)} raw ${kb(gzipBytes).padStart(10)} gzip`)
  }
  const verdict = total <= budgetBytes ? 'OK' : 'OVER BUDGET'
  console.log(`initial JS: ${kb(total)} gzip (budget ${kb(budgetBytes)}) ${verdict}`)
  if (total > budgetBytes) process.exit(1)
}

function kb(bytes) {
  return `${(bytes / 1000).toFixed(1)} KB`
}

if (
  import.meta.url.startsWith('file:') &&
  process.argv[1] &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  main()
}

import { readFile } from 'node:fs/promises'

// `node apps/api/src/hardening/soak/heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [top]`: what the API's
// heap gained between two rounds of `SOAK_HEAP_SNAPSHOTS=<dir> pnpm soak`. Node ids are stable within one process,
// so an object in `after` whose id is not in `before` was allocated since and survived a full GC. Prints those new
// objects grouped by type and constructor (count, bytes), then, for the largest groups, the retainer path of a
// few of them up to a GC root: the answer to "what holds on to it".

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } }
  nodes: number[]
  edges: number[]
  strings: string[]
}

type Graph = {
  count: number
  type: (n: number) => string
  name: (n: number) => string
  id: (n: number) => number
  size: (n: number) => number
  /** Retainers of a node: [from node, edge label]. */
  retainers: (n: number) => [number, string][]
  /** Shortest-path tree from the root (node 0): each node's parent and the edge's label, -1 when unreachable. */
  parents: () => { parent: Int32Array; label: (n: number) => string }
}

function graph(s: Snapshot): Graph {
  const { node_fields: nf, node_types: nt, edge_fields: ef, edge_types: et } = s.snapshot.meta
  const nw = nf.length
  const ew = ef.length
  const [typeAt, nameAt, idAt, sizeAt, edgeCountAt] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) =>
    nf.indexOf(f),
  ) as [number, number, number, number, number]
  const [edgeTypeAt, edgeNameAt, toAt] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f)) as [
    number,
    number,
    number,
  ]
  const count = s.nodes.length / nw
  // Reverse edges (CSR layout): for each node, the edges pointing at it.
  const inCount = new Uint32Array(count + 1)
  const firstEdge = new Uint32Array(count)
  let edge = 0
  for (let n = 0; n < count; n++) {
    firstEdge[n] = edge
    edge += s.nodes[n * nw + edgeCountAt]! * ew
  }
  for (let e = 0; e < s.edges.length; e += ew) inCount[s.edges[e + toAt]! / nw + 1]!++
  for (let n = 0; n < count; n++) inCount[n + 1]! += inCount[n]!
  const retainerFrom = new Uint32Array(s.edges.length / ew)
  const retainerEdge = new Uint32Array(s.edges.length / ew)
  const fill = inCount.slice(0, count)
  for (let n = 0; n < count; n++) {
    const end = firstEdge[n]! + s.nodes[n * nw + edgeCountAt]! * ew
    for (let e = firstEdge[n]!; e < end; e += ew) {
      const to = s.edges[e + toAt]! / nw
      retainerFrom[fill[to]!] = n
      retainerEdge[fill[to]!++] = e
    }
  }
  const edgeTypes = et[0]
  const label = (e: number): string => {
    const type = edgeTypes[s.edges[e + edgeTypeAt]!]!
    const nameOrIndex = s.edges[e + edgeNameAt]!
    return type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : s.strings[nameOrIndex]!
  }
  const parents = () => {
    const parent = new Int32Array(count).fill(-1)
    const viaEdge = new Int32Array(count).fill(-1)
    parent[0] = 0
    const queue = new Uint32Array(count)
    let tail = 1
    for (let head = 0; head < tail; head++) {
      const n = queue[head]!
      const end = firstEdge[n]! + s.nodes[n * nw + edgeCountAt]! * ew
      for (let e = firstEdge[n]!; e < end; e += ew) {
        if (edgeTypes[s.edges[e + edgeTypeAt]!] === 'weak') continue
        const to = s.edges[e + toAt]! / nw
        if (parent[to] !== -1) continue
        parent[to] = n
        viaEdge[to] = e
        queue[tail++] = to
      }
    }
    return { parent, label: (n: number) => (viaEdge[n]! < 0 ? '' : label(viaEdge[n]!)) }
  }
  return {
    parents,
    count,
    type: (n) => nt[0][s.nodes[n * nw + typeAt]!]!,
    name: (n) => s.strings[s.nodes[n * nw + nameAt]!]!,
    id: (n) => s.nodes[n * nw + idAt]!,
    size: (n) => s.nodes[n * nw + sizeAt]!,
    retainers: (n) => {
      const out: [number, string][] = []
      for (let i = inCount[n]!; i < inCount[n + 1]!; i++) {
        const e = retainerEdge[i]!
        if (edgeTypes[s.edges[e + edgeTypeAt]!] !== 'weak') out.push([retainerFrom[i]!, label(e)])
      }
      return out
    },
  }
}

const describe = (g: Graph, n: number): string => `${g.type(n)} ${g.name(n).slice(0, 60).replace(/\s+/g, ' ')}`

/** A shortest retainer path from the root (node 0, synthetic) down to a node: "holder .edge → … → node". */
function pathToRoot(g: Graph, start: number): string {
  // Breadth-first up the retainers; `down` maps each holder reached to the node it holds and the edge's name.
  const down = new Map<number, [number, string]>([[start, [-1, '']]])
  const queue = [start]
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!
    if (n === 0) {
      const steps: string[] = []
      for (let node = 0; node !== start;) {
        const [held, edgeLabel] = down.get(node)!
        steps.push(`${describe(g, node)} .${edgeLabel}`)
        node = held
      }
      return [...steps, describe(g, start)].join('\n      → ')
    }
    for (const [holder, edgeLabel] of g.retainers(n)) {
      if (down.has(holder)) continue
      down.set(holder, [n, edgeLabel])
      queue.push(holder)
    }
  }
  return `${describe(g, start)} (no path to a root)`
}

const [beforeFile, afterFile, topArg] = process.argv.slice(2)
if (!beforeFile || !afterFile) {
  console.error('usage: heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [top groups, default 15]')
  process.exit(2)
}
const top = Number(topArg ?? 15)
const before = graph(JSON.parse(await readFile(beforeFile, 'utf8')) as Snapshot)
const beforeIds = new Set<number>()
for (let n = 0; n < before.count; n++) beforeIds.add(before.id(n))
const after = graph(JSON.parse(await readFile(afterFile, 'utf8')) as Snapshot)

const groups = new Map<string, { count: number; bytes: number; nodes: number[] }>()
let newBytes = 0
for (let n = 0; n < after.count; n++) {
  if (beforeIds.has(after.id(n))) continue
  const key = `${after.type(n)} ${after.type(n) === 'string' || after.type(n) === 'concatenated string' ? '' : after.name(n).slice(0, 80)}`
  const group = groups.get(key) ?? { count: 0, bytes: 0, nodes: [] }
  group.count++
  group.bytes += after.size(n)
  if (group.nodes.length < 3) group.nodes.push(n)
  groups.set(key, group)
  newBytes += after.size(n)
}
console.log(`objects allocated between the snapshots and still alive: ${(newBytes / 1024 / 1024).toFixed(2)} MiB`)
const sorted = [...groups.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)
for (const [key, group] of sorted)
  console.log(`${(group.bytes / 1024).toFixed(0).padStart(8)} KiB ${String(group.count).padStart(8)} × ${key}`)
for (const [key, group] of sorted.slice(0, 5)) {
  console.log(`\nretained by (${key}):`)
  for (const n of group.nodes.slice(0, 2)) console.log(`  ${pathToRoot(after, n)}`)
}

// Where the new objects hang: for each, the nearest object on its shortest path from the root that already existed
// in `before`, with the edge leading out of it. New bytes grouped by that anchor point at the growing collection.
const { parent, label } = after.parents()
const anchors = new Map<number, { bytes: number; count: number; edges: Map<string, number> }>()
for (let n = 0; n < after.count; n++) {
  if (beforeIds.has(after.id(n)) || parent[n] === -1) continue
  let child = n
  let at = parent[n]!
  while (at !== 0 && !beforeIds.has(after.id(at))) {
    child = at
    at = parent[at]!
  }
  const anchor = anchors.get(at) ?? { bytes: 0, count: 0, edges: new Map<string, number>() }
  anchor.bytes += after.size(n)
  anchor.count++
  anchor.edges.set(label(child), (anchor.edges.get(label(child)) ?? 0) + 1)
  anchors.set(at, anchor)
}
console.log('\nnew objects by the pre-existing object they hang from (bytes, objects, via edges):')
for (const [at, anchor] of [...anchors.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
  const via = [...anchor.edges.entries()].sort((a, b) => b[1] - a[1])
  const edges = via
    .slice(0, 4)
    .map(([edge, n]) => `.${edge}×${n}`)
    .join(' ')
  console.log(
    `${(anchor.bytes / 1024).toFixed(0).padStart(8)} KiB ${String(anchor.count).padStart(7)} ← ${describe(after, at)} ` +
      `(${via.length} edges: ${edges})`,
  )
  console.log(`      ${pathToRoot(after, at)}`)
}

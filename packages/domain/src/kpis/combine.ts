/**
 * Aggregates that add up over disjoint spans (issue 19, ../sub-spans.ts): every figure of these groups is a count
 * or a sum over rows placed in the span by their own times, with no window that depends on the span as a whole.
 * The leads group's median response time does not add up; its parts carry their response times (whole
 * milliseconds, sorted) and the median of the union is taken as PostgreSQL's percentile_cont(0.5) takes it.
 * The other groups (pipeline and customer snapshots, cohorts, windows, pro-rated costs) are computed whole.
 *
 * Exports: ADDITIVE_GROUPS, AdditiveGroup, LeadsPart, Part, combineParts, medianOfSorted.
 */
import type { ActivitiesAggregate, Aggregates, DealsAggregate, LeadsAggregate, SurveysAggregate } from './aggregates.ts'

export const ADDITIVE_GROUPS = ['activities', 'deals', 'surveys', 'leads'] as const
export type AdditiveGroup = (typeof ADDITIVE_GROUPS)[number]

/** A part of the leads group: its aggregate and the sorted response times (ms) its median ran over. */
export type LeadsPart = { aggregate: LeadsAggregate; responsesMs: readonly number[] }

export type Part<G extends AdditiveGroup> = G extends 'leads' ? LeadsPart : Aggregates[G]

const MS_PER_HOUR = 3_600_000

/** Sums two records field by field; nested records (by channel, by deal type) key by key. */
function sum<T extends object>(a: T, b: T): T {
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) }
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key]
    if (typeof value === 'number') out[key] = ((mine as number | undefined) ?? 0) + value
    else if (value !== null && typeof value === 'object')
      out[key] = sum((mine ?? {}) as Record<string, number>, value as Record<string, number>)
  }
  return out as T
}

/** The k-th smallest (0-based) of the union of sorted arrays of whole numbers: bisection on the value. */
function kthSmallest(arrays: readonly (readonly number[])[], k: number): number {
  let lo = Infinity
  let hi = -Infinity
  for (const a of arrays)
    if (a.length > 0) {
      lo = Math.min(lo, a[0]!)
      hi = Math.max(hi, a[a.length - 1]!)
    }
  // The smallest x with more than k values ≤ x.
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2)
    let count = 0
    for (const a of arrays) count += countAtMost(a, mid)
    if (count > k) hi = mid
    else lo = mid + 1
  }
  return lo
}

function countAtMost(sorted: readonly number[], x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * percentile_cont(0.5) of the union of sorted arrays of whole numbers, as PostgreSQL computes it: the value at
 * position (n − 1) / 2, interpolated between its neighbours (lo + (hi − lo) × 0.5); null for no values.
 */
export function medianOfSorted(arrays: readonly (readonly number[])[]): number | null {
  const n = arrays.reduce((total, a) => total + a.length, 0)
  if (n === 0) return null
  for (const a of arrays) for (const v of a) if (!Number.isInteger(v)) throw new RangeError(`not whole: ${v}`)
  const position = (n - 1) / 2
  const lo = kthSmallest(arrays, Math.floor(position))
  if (Number.isInteger(position)) return lo
  const hi = kthSmallest(arrays, position + 0.5)
  return lo + (hi - lo) * 0.5
}

/** The group's aggregate of a span from the aggregates of its parts (a non-empty list). */
export function combineParts<G extends AdditiveGroup>(group: G, parts: readonly Part<G>[]): Aggregates[G] {
  if (group !== 'leads') {
    const records = parts as readonly (ActivitiesAggregate | DealsAggregate | SurveysAggregate)[]
    return records.reduce((a, b) => sum(a, b)) as Aggregates[G]
  }
  const leads = parts as readonly LeadsPart[]
  const total = leads.map((p) => ({ ...p.aggregate, medianResponseHours: 0 })).reduce((a, b) => sum(a, b))
  const median = medianOfSorted(leads.map((p) => p.responsesMs))
  return { ...total, medianResponseHours: median === null ? null : median / MS_PER_HOUR } as Aggregates[G]
}

/**
 * Insights that are not gauges (SPEC 3): the Pareto view — which products or customers make up 80 % of
 * revenue (004). Amounts are exact cents, so the 80 % cut is exact too.
 *
 * Exports: ParetoItem, ParetoResult, pareto.
 */

export type ParetoItem = { key: string; amountCents: number }

export type ParetoResult = {
  totalCents: number
  /** Items by amount, largest first (ties by key), with their running share of the total in percent. */
  items: (ParetoItem & { cumulativePercent: number; inHead: boolean })[]
  /** How many items (from the top) it takes to reach `sharePercent` of the total; 0 when the total is ≤ 0. */
  headCount: number
}

/**
 * Sorts items by amount and marks the smallest head whose cumulative amount reaches `sharePercent` (80 by
 * default) of the total: cumulative × 100 ≥ total × sharePercent, in integers. Items with amounts ≤ 0
 * never enter the head.
 */
export function pareto(items: readonly ParetoItem[], sharePercent = 80): ParetoResult {
  const sorted = [...items].sort(
    (a, b) => b.amountCents - a.amountCents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
  const totalCents = sorted.reduce((s, i) => s + i.amountCents, 0)
  let cumulative = 0
  let headCount = 0
  const out = sorted.map((item) => {
    const reachedBefore = totalCents > 0 && cumulative * 100 >= totalCents * sharePercent
    cumulative += item.amountCents
    const inHead = totalCents > 0 && !reachedBefore && item.amountCents > 0
    if (inHead) headCount++
    return { ...item, cumulativePercent: totalCents > 0 ? (cumulative * 100) / totalCents : 0, inHead }
  })
  return { totalCents, items: out, headCount }
}

// The layout editor's working copy and its rules; the answer's schema is the contract's (@kpi/contract/layout).

export type DraftArea = { key: string; name: { en: string; nl: string }; kpiKeys: string[] }

/** Above this many KPIs an area loses focus (SPEC section 1: the default dashboard shows at most 3 per area). */
export const MAX_FOCUS_KPIS = 3

/** Swaps item i with its neighbour in `direction`; the same list when that would leave the bounds. */
export function move<T>(list: readonly T[], i: number, direction: -1 | 1): T[] {
  const j = i + direction
  if (j < 0 || j >= list.length) return [...list]
  const next = [...list]
  ;[next[i], next[j]] = [next[j]!, next[i]!]
  return next
}

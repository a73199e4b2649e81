import type { LeaderboardRow } from '@kpi/contract/dashboard'

export type RankedRow = LeaderboardRow & { rank: number | null }

/**
 * Best first by the KPI's direction (highest for 'higher', lowest for 'lower'; 'neutral' reads as higher), equal
 * values share a rank (1, 2, 2, 4), ties by name; reps without a value come last, unranked.
 */
export function rankLeaderboard(
  rows: readonly LeaderboardRow[],
  direction: 'higher' | 'lower' | 'neutral',
): RankedRow[] {
  const sign = direction === 'lower' ? 1 : -1
  const valued = rows
    .filter((r) => r.value.kind === 'value')
    .sort((a, b) => sign * (valueOf(a) - valueOf(b)) || a.name.localeCompare(b.name))
  const ranked = valued.map((row, i) => ({ ...row, rank: i + 1 }))
  for (let i = 1; i < ranked.length; i++)
    if (valueOf(ranked[i]!) === valueOf(ranked[i - 1]!)) ranked[i]!.rank = ranked[i - 1]!.rank
  const unvalued = rows
    .filter((r) => r.value.kind !== 'value')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((row) => ({ ...row, rank: null }))
  return [...ranked, ...unvalued]
}

const valueOf = (row: LeaderboardRow) => (row.value.kind === 'value' ? row.value.value : 0)

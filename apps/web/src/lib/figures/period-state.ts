/** Where a period stands at the answer's `now`: the picker and the chart mark periods that are not over. */
export type PeriodState = 'not-started' | 'running' | 'finished'

/** From the API's instants (ISO strings, start inclusive, end exclusive) and its `now`. */
export function periodState(period: { start: string; end: string }, now: string): PeriodState {
  const t = Date.parse(now)
  if (t < Date.parse(period.start)) return 'not-started'
  return t < Date.parse(period.end) ? 'running' : 'finished'
}

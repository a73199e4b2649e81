/**
 * Thresholds (SPEC section 4): per KPI, optionally overridden per team, either relative to the target or
 * absolute on the value; direction-aware; each level carries action points shown when it is reached.
 *
 * Relative (greenFrom, orangeFrom are percentages of the pro-rated target, greenFrom ≥ orangeFrom):
 *   higher is better: attainment = actual ÷ target × 100;
 *   lower is better:  attainment = target ÷ actual × 100 (half the allowed response time = 200 %);
 *   green when attainment ≥ greenFrom, orange when ≥ orangeFrom, else red. Evaluated as cross-products
 *   (actual × 100 ≥ target × greenFrom) so a zero target or a zero actual needs no division.
 * Absolute (bounds on the value itself):
 *   higher is better (greenFrom ≥ orangeFrom): green when value ≥ greenFrom, orange when ≥ orangeFrom;
 *   lower is better (greenFrom ≤ orangeFrom):  green when value ≤ greenFrom, orange when ≤ orangeFrom.
 *
 * Exports: ThresholdMode, ThresholdActions, ThresholdSetting, Level, ThresholdIssue, thresholdIssues,
 * validateThreshold, resolveThreshold, levelFor, attainmentPercent, thresholdBands.
 */
import type { Direction } from './kpis/define-kpi.ts'

export type ThresholdMode = 'relative' | 'absolute'
export type ThresholdActions = { green: readonly string[]; orange: readonly string[]; red: readonly string[] }
export type ThresholdSetting = { mode: ThresholdMode; greenFrom: number; orangeFrom: number; actions: ThresholdActions }
export type Level = 'green' | 'orange' | 'red'

/**
 * What can be wrong with a threshold, per field, as a rule name a reader's language can word (the web's
 * `validation.threshold.<rule>`); `message` is the English wording the API also sends.
 */
export type ThresholdIssue = {
  field: 'greenFrom' | 'orangeFrom' | 'kpiKey'
  rule: 'not-finite' | 'negative' | 'green-below-orange' | 'green-above-orange' | 'no-direction'
  message: string
}

/**
 * Problems with a threshold for a KPI of `direction`, each naming its field; [] when valid.
 * Rejects non-finite bounds, negative relative percentages and bounds on the wrong side.
 */
export function thresholdIssues(t: ThresholdSetting, direction: Direction): ThresholdIssue[] {
  const issues: ThresholdIssue[] = []
  for (const field of ['greenFrom', 'orangeFrom'] as const)
    if (!Number.isFinite(t[field]))
      issues.push({ field, rule: 'not-finite', message: `${field} must be a finite number` })
  if (issues.length > 0) return issues
  if (direction === 'neutral')
    return [{ field: 'kpiKey', rule: 'no-direction', message: 'this KPI has no direction, so it takes no threshold' }]
  const below = (why: string) => ({
    field: 'greenFrom' as const,
    rule: 'green-below-orange' as const,
    message: `greenFrom must be ≥ orangeFrom (${why})`,
  })
  if (t.mode === 'relative') {
    if (t.orangeFrom < 0) issues.push({ field: 'orangeFrom', rule: 'negative', message: 'orangeFrom must be ≥ 0 %' })
    if (t.greenFrom < t.orangeFrom) issues.push(below('percent of target'))
  } else if (direction === 'higher' && t.greenFrom < t.orangeFrom) {
    issues.push(below('higher is better'))
  } else if (direction === 'lower' && t.greenFrom > t.orangeFrom) {
    issues.push({
      field: 'greenFrom',
      rule: 'green-above-orange',
      message: 'greenFrom must be ≤ orangeFrom (lower is better)',
    })
  }
  return issues
}

/** The problems of `thresholdIssues` as English messages naming the field; [] when valid. */
export function validateThreshold(t: ThresholdSetting, direction: Direction): string[] {
  return thresholdIssues(t, direction).map((issue) => issue.message)
}

/**
 * The threshold that applies: the team's override wins over its region's, which wins over the organisation
 * default, which wins over the KPI's built-in default (the nearest setting wins, decision 0034). For a rep, pass
 * the overrides of the rep's team and that team's region; for a region, only its own.
 */
export function resolveThreshold(options: {
  teamOverride?: ThresholdSetting | null
  regionOverride?: ThresholdSetting | null
  orgDefault?: ThresholdSetting | null
  kpiDefault?: ThresholdSetting | null
}): ThresholdSetting | null {
  return options.teamOverride ?? options.regionOverride ?? options.orgDefault ?? options.kpiDefault ?? null
}

/**
 * The level of `actual` against a relative threshold and `target` (pro-rated for 'sum' KPIs).
 * A zero target is met by any non-negative actual for higher-is-better KPIs and only by 0 for
 * lower-is-better ones.
 */
function relativeLevel(actual: number, target: number, t: ThresholdSetting, direction: 'higher' | 'lower'): Level {
  const reaches = (percent: number) =>
    direction === 'higher' ? actual * 100 >= target * percent : actual * percent <= target * 100
  if (reaches(t.greenFrom)) return 'green'
  if (reaches(t.orangeFrom)) return 'orange'
  return 'red'
}

function absoluteLevel(value: number, t: ThresholdSetting, direction: 'higher' | 'lower'): Level {
  if (direction === 'higher') return value >= t.greenFrom ? 'green' : value >= t.orangeFrom ? 'orange' : 'red'
  return value <= t.greenFrom ? 'green' : value <= t.orangeFrom ? 'orange' : 'red'
}

/**
 * green / orange / red for a value, or null when the level cannot be decided: neutral direction, or a
 * relative threshold without a target.
 */
export function levelFor(options: {
  value: number
  direction: Direction
  threshold: ThresholdSetting
  target: number | null
}): Level | null {
  const { value, direction, threshold, target } = options
  if (direction === 'neutral') return null
  if (threshold.mode === 'absolute') return absoluteLevel(value, threshold, direction)
  if (target === null) return null
  return relativeLevel(value, target, threshold, direction)
}

/**
 * Attainment in percent of the target (direction-aware, see the file header). Null when undefined:
 * neutral direction, zero target (higher) or zero actual (lower).
 */
export function attainmentPercent(actual: number, target: number, direction: Direction): number | null {
  if (direction === 'neutral') return null
  const [num, den] = direction === 'higher' ? [actual, target] : [target, actual]
  return den === 0 ? null : (num / den) * 100
}

/**
 * Where the levels begin on the KPI's own value scale, for drawing bands on a gauge or bullet graph.
 * higher is better: green from `greenFrom` up, orange from `orangeFrom` up to greenFrom, red below orangeFrom.
 * lower is better:  green up to `greenFrom`, orange up to `orangeFrom`, red above orangeFrom.
 * Relative thresholds are converted with `target` (the comparison target, pro-rated for 'sum' KPIs):
 *   higher: target × percent ÷ 100  (greenFrom 100 % of a pro-rated 40 → 40);
 *   lower:  target × 100 ÷ percent  (attainment = target ÷ actual ≥ percent ⇔ actual ≤ target × 100 ÷ percent).
 * Absolute thresholds are the bounds as they are. The boundaries agree with levelFor: a value on a boundary
 * has the better level. Null when there are no bands to draw: neutral direction, a relative threshold without a
 * target, or a lower-is-better boundary at 0 % (orange or green never ends).
 */
export function thresholdBands(options: {
  direction: Direction
  threshold: ThresholdSetting | null
  target: number | null
}): { greenFrom: number; orangeFrom: number } | null {
  const { direction, threshold, target } = options
  if (direction === 'neutral' || threshold === null) return null
  if (threshold.mode === 'absolute') return { greenFrom: threshold.greenFrom, orangeFrom: threshold.orangeFrom }
  if (target === null) return null
  if (direction === 'higher') {
    return { greenFrom: (target * threshold.greenFrom) / 100, orangeFrom: (target * threshold.orangeFrom) / 100 }
  }
  if (threshold.greenFrom <= 0 || threshold.orangeFrom <= 0) return null
  return { greenFrom: (target * 100) / threshold.greenFrom, orangeFrom: (target * 100) / threshold.orangeFrom }
}

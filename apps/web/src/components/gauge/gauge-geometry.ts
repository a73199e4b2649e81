// Pure geometry of the semicircular gauge, kept apart from the component so the maths is tested directly.

/** The arc ends at 150 % of the target: far enough to show "well over", close enough that 100 % sits at 2/3. */
export const SCALE_MAX_RATIO = 1.5

export const GAUGE_BOX = { width: 200, height: 112, cx: 100, cy: 100, r: 80, stroke: 18 } as const

/**
 * Attainment = value ÷ reference target (the pro-rated target inside a running period, else the full target).
 * Null when either is missing or the target is not positive, because a share of zero or of a negative target
 * (an eNPS target of 0) has no meaning; the caller then draws no scale.
 */
export function attainmentRatio(value: number | null, reference: number | null): number | null {
  if (value === null || reference === null || !Number.isFinite(value) || !(reference > 0)) return null
  return value / reference
}

/** Where on the arc a ratio lands, 0 (left end) … 1 (right end), capped at SCALE_MAX_RATIO and at 0. */
export function arcFraction(ratio: number): number {
  return Math.min(1, Math.max(0, ratio / SCALE_MAX_RATIO))
}

/** A point on the semicircle: fraction 0 is the left end, 0.5 the top, 1 the right end (SVG y points down). */
export function pointAt(fraction: number, r: number = GAUGE_BOX.r): { x: number; y: number } {
  const angle = Math.PI * (1 - fraction)
  return { x: round(GAUGE_BOX.cx + r * Math.cos(angle)), y: round(GAUGE_BOX.cy - r * Math.sin(angle)) }
}

/** SVG path for the arc between two fractions, drawn clockwise over the top. Empty when there is nothing to draw. */
export function arcPath(from: number, to: number, r: number = GAUGE_BOX.r): string {
  if (!(to > from)) return ''
  const start = pointAt(from, r)
  const end = pointAt(to, r)
  // A semicircle never spans more than 180°, so the large-arc flag is always 0; sweep 1 = clockwise on screen.
  return `M ${start.x} ${start.y} A ${r} ${r} 0 0 1 ${end.x} ${end.y}`
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

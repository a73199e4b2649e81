// Pure geometry of the semicircular gauge and the bullet graph, kept apart from the components so the maths is
// tested directly. Both draw on one linear scale in the KPI's own unit (decision 0035).

/**
 * The scale ends 20 % past the largest of target, value and band boundaries: the target never sits on the end of
 * the arc, a value well over target still shows as "over", and a green band always has visible room.
 */
export const SCALE_HEADROOM = 1.2

export const GAUGE_BOX = { width: 200, height: 112, cx: 100, cy: 100, r: 76, stroke: 20 } as const

export type Bands = { greenFrom: number; orangeFrom: number }
export type Scale = { min: number; max: number }
export type Level = 'green' | 'orange' | 'red'

/**
 * Attainment = value ÷ reference target (the pro-rated target inside a running period, else the full target).
 * Null when either is missing or the target is not positive, because a share of zero or of a negative target
 * (an eNPS target of 0) has no meaning; the gauge then says no percentage.
 */
export function attainmentRatio(value: number | null, reference: number | null): number | null {
  if (value === null || reference === null || !Number.isFinite(value) || !(reference > 0)) return null
  return value / reference
}

/**
 * The scale a gauge draws on: from min(0, every number) to max(every number) × SCALE_HEADROOM, over the target,
 * the value and the band boundaries (a negative minimum, an NPS of −20, gets the same headroom). Null when there
 * is nothing to measure against (no target and no bands) or nothing but zeros: then the gauge draws no scale.
 */
export function gaugeScale(options: {
  value: number | null
  target: number | null
  bands: Bands | null
}): Scale | null {
  const { value, target, bands } = options
  if (target === null && bands === null) return null
  const numbers = [value, target, bands?.greenFrom, bands?.orangeFrom].filter(
    (n): n is number => typeof n === 'number' && Number.isFinite(n),
  )
  const max = Math.max(0, ...numbers) * SCALE_HEADROOM
  const min = Math.min(0, ...numbers) * SCALE_HEADROOM
  return max > min ? { min, max } : null
}

/** Where a number lands on the scale, 0 (left end) … 1 (right end); outside the scale it sticks to the end. */
export function fractionOf(n: number, scale: Scale): number {
  return Math.min(1, Math.max(0, (n - scale.min) / (scale.max - scale.min)))
}

/**
 * The band segments along the scale, left to right, as fractions. Higher is better: red up to orangeFrom, orange
 * up to greenFrom, green beyond; lower is better the mirror: green up to greenFrom, orange up to orangeFrom, red
 * beyond. Empty segments (equal boundaries, a boundary past the end) are left out.
 */
export function bandSegments(
  bands: Bands,
  direction: 'higher' | 'lower',
  scale: Scale,
): { level: Level; from: number; to: number }[] {
  const orange = fractionOf(bands.orangeFrom, scale)
  const green = fractionOf(bands.greenFrom, scale)
  const segments: { level: Level; from: number; to: number }[] =
    direction === 'higher'
      ? [
          { level: 'red', from: 0, to: orange },
          { level: 'orange', from: orange, to: green },
          { level: 'green', from: green, to: 1 },
        ]
      : [
          { level: 'green', from: 0, to: green },
          { level: 'orange', from: green, to: orange },
          { level: 'red', from: orange, to: 1 },
        ]
  return segments.filter((s) => s.to > s.from)
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

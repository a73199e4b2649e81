import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { usePrinting } from '../../lib/use-printing.ts'
import { trendSeries } from './trend-points.ts'

export type DetailTrendPoint = {
  label: string
  /** The period's value, finished or so far (null: none, or not started). */
  value: number | null
  /** Finished periods only: the solid line. */
  actual: number | null
  /** The running period and the finished one before it: the dashed "so far" segment. */
  soFar: number | null
  target: number | null
  /** Running sum KPIs: the target pro-rated to `through`. */
  targetToDate: number | null
  running: boolean
  /** Running only: the last day counted, "4 Dec". */
  through: string | null
}

export type DetailTrendChartProps = {
  points: DetailTrendPoint[]
  formatValue: (value: number) => string
  labels: {
    actual: string
    target: string
    /** Legend entry of the dashed running segment. */
    soFar: string
    /** "so far (to {date})" for the tooltip of the running point. */
    soFarTo: (through: string) => string
    targetToDate: string
  }
  /** Charts are opaque to screen readers: the caller summarises the trend in words. */
  ariaLabel: string
}

/**
 * Actual against target per period (the target may change from period to period, so it is a line, not a rule).
 * The running period is drawn dashed to a hollow point, with the pro-rated target to date beside it for sum KPIs.
 * Recharts reaches the browser only with this lazy page.
 */
/**
 * On paper the chart is drawn this wide (about an A4 page's text width) instead of the screen's width: a chart
 * measured on a 1280 px screen was scaled to ~60 % on paper, and its axis text with it (7 px).
 */
const PRINT_WIDTH = 680

export function DetailTrendChart({ points, formatValue, labels, ariaLabel }: DetailTrendChartProps) {
  const series = trendSeries(points)
  const printing = usePrinting()
  return (
    <div role="img" aria-label={ariaLabel} className="trend-chart">
      <ResponsiveContainer width={printing ? PRINT_WIDTH : '100%'} height={280}>
        <LineChart data={points} margin={{ top: 12, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#e6e9ee" vertical={false} />
          <XAxis dataKey="label" tick={{ fill: '#52606d', fontSize: 12 }} tickLine={false} />
          <YAxis
            tickFormatter={(v: number) => formatValue(v)}
            tick={{ fill: '#52606d', fontSize: 12 }}
            tickLine={false}
            axisLine={false}
            width={80}
          />
          <Tooltip
            content={({ active, payload }) => (
              <TrendTooltip active={active} payload={payload} formatValue={formatValue} labels={labels} />
            )}
          />
          <Legend />
          {series.target && (
            <Line
              name={labels.target}
              type="stepAfter"
              dataKey="target"
              stroke="#1f2933"
              strokeDasharray="5 4"
              strokeWidth={1.5}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          )}
          <Line
            name={labels.actual}
            type="monotone"
            dataKey="actual"
            stroke="#1f5f4a"
            strokeWidth={2.5}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
          {series.soFar && (
            <Line
              name={labels.soFar}
              type="linear"
              dataKey="soFar"
              stroke="#1f5f4a"
              strokeWidth={2}
              strokeDasharray="3 4"
              dot={RunningDot}
              activeDot={{ r: 5, fill: '#fff', stroke: '#1f5f4a', strokeWidth: 2 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          )}
          {series.targetToDate && (
            <Line
              name={labels.targetToDate}
              dataKey="targetToDate"
              // No line between points (there is one), but a stroke colour the legend's diamond can take.
              stroke="#1f2933"
              strokeOpacity={0}
              legendType="diamond"
              dot={{ r: 4, fill: '#fff', stroke: '#1f2933', strokeWidth: 1.5 }}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

/** A hollow point at the running period only (the dashed segment's other end is the last finished point). */
function RunningDot(props: { cx?: number; cy?: number; payload?: DetailTrendPoint; index?: number }) {
  const { cx, cy, payload, index } = props
  if (!payload?.running || cx === undefined || cy === undefined) return <g key={`so-far-${index}`} />
  return (
    <circle
      key={`so-far-${index}`}
      cx={cx}
      cy={cy}
      r={5}
      fill="#fff"
      stroke="#1f5f4a"
      strokeWidth={2}
      data-part="running-point"
    />
  )
}

/** The period, its value ("so far (to 4 Dec)" while running) and its target(s), in words. */
function TrendTooltip({
  active,
  payload,
  formatValue,
  labels,
}: {
  active: boolean | undefined
  payload: readonly { payload?: unknown }[] | undefined
} & Pick<DetailTrendChartProps, 'formatValue' | 'labels'>) {
  const point = payload?.[0]?.payload as DetailTrendPoint | undefined
  if (!active || !point) return null
  const text = (v: number | null) => (v === null ? '—' : formatValue(v))
  return (
    <div className="trend-tooltip">
      <p className="trend-tooltip-label">{point.label}</p>
      <p>
        {labels.actual}: {text(point.value)}
        {point.running && point.through !== null && (
          <span className="trend-tooltip-note"> {labels.soFarTo(point.through)}</span>
        )}
      </p>
      {point.target !== null && (
        <p>
          {labels.target}: {text(point.target)}
        </p>
      )}
      {point.targetToDate !== null && (
        <p>
          {labels.targetToDate}: {text(point.targetToDate)}
        </p>
      )}
    </div>
  )
}

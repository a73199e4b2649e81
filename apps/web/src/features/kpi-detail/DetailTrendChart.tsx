import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export type DetailTrendPoint = { label: string; actual: number | null; target: number | null }

export type DetailTrendChartProps = {
  points: DetailTrendPoint[]
  formatValue: (value: number) => string
  labels: { actual: string; target: string }
  /** Charts are opaque to screen readers: the caller summarises the trend in words. */
  ariaLabel: string
}

/**
 * Actual against target per period (the target may change from period to period, so it is a line, not a rule).
 * Recharts reaches the browser only with this lazy page.
 */
export function DetailTrendChart({ points, formatValue, labels, ariaLabel }: DetailTrendChartProps) {
  const format = (v: unknown) => (typeof v === 'number' ? formatValue(v) : String(v ?? '—'))
  return (
    <div role="img" aria-label={ariaLabel} className="trend-chart">
      <ResponsiveContainer width="100%" height={280}>
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
          <Tooltip formatter={format} />
          <Legend />
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
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

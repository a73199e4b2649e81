import { useEffect, useRef, useState } from 'react'
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'

export type TrendPoint = { label: string; value: number | null }

type TrendChartProps = {
  points: TrendPoint[]
  target?: number | null
  targetLabel?: string
  formatValue: (value: number) => string
  /** Charts are opaque to screen readers: the caller summarises the trend in words. */
  ariaLabel: string
  height?: number
}

/**
 * The development curve toward a target (SPEC: "ontwikkelingscurve"). Recharts is imported only by lazy pages,
 * so its weight never lands in the first paint.
 */
export function TrendChart({ points, target, targetLabel, formatValue, ariaLabel, height = 260 }: TrendChartProps) {
  const [box, width] = useElementWidth(640)
  return (
    <div ref={box} role="img" aria-label={ariaLabel} className="trend-chart">
      <LineChart width={width} height={height} data={points} margin={{ top: 12, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="#e6e9ee" vertical={false} />
        <XAxis
          dataKey="label"
          tick={{ fill: '#52606d', fontSize: 12 }}
          tickLine={false}
          axisLine={{ stroke: '#c9d0d8' }}
        />
        <YAxis
          tickFormatter={(v: number) => formatValue(v)}
          tick={{ fill: '#52606d', fontSize: 12 }}
          tickLine={false}
          axisLine={false}
          width={72}
        />
        <Tooltip formatter={(v) => (typeof v === 'number' ? formatValue(v) : String(v))} />
        {target != null && (
          <ReferenceLine
            y={target}
            stroke="#1f2933"
            strokeDasharray="4 4"
            label={{ value: targetLabel ?? '', position: 'insideTopRight', fill: '#1f2933', fontSize: 12 }}
          />
        )}
        <Line
          type="monotone"
          dataKey="value"
          stroke="#1f5f4a"
          strokeWidth={2.5}
          dot={{ r: 3 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  )
}

/** The width of an element, tracked with ResizeObserver where it exists (not in jsdom); `fallback` until measured. */
function useElementWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(fallback)
  useEffect(() => {
    const element = ref.current
    if (!element || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setWidth(Math.floor(entry.contentRect.width))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return [ref, width] as const
}

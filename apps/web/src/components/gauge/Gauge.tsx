import { useId } from 'react'
import type { CSSProperties } from 'react'
import { useFormat, useT } from '../../i18n/i18n.tsx'
import { GAUGE_BOX, arcFraction, arcPath, attainmentRatio, pointAt, SCALE_MAX_RATIO } from './gauge-geometry.ts'
import { STATUS_STYLE, showsActionPoints } from './gauge-status.ts'
import type { GaugeStatus } from './gauge-status.ts'
import './gauge.css'

/**
 * API-agnostic: the caller passes numbers for the geometry and ready-formatted text for display, so the gauge knows
 * nothing about units, currencies or KPI keys.
 */
export type GaugeProps = {
  title: string
  valueText: string
  value: number | null
  target: number | null
  proRatedTarget: number | null
  targetText?: string
  proRatedTargetText?: string
  status: GaugeStatus
  direction: 'higher' | 'lower'
  deltaText?: string
  forecastText?: string
  actionPoints?: string[]
  noValueReason?: string
  onOpen?: () => void
}

export function Gauge(props: GaugeProps) {
  const { title, valueText, status, direction, deltaText, forecastText, actionPoints, noValueReason, onOpen } = props
  const t = useT()
  const fmt = useFormat()
  const style = STATUS_STYLE[status]
  const targetText = props.targetText ?? (props.target === null ? undefined : fmt.number(props.target, 2))
  const proRatedText =
    props.proRatedTargetText ?? (props.proRatedTarget === null ? undefined : fmt.number(props.proRatedTarget, 2))
  const unjudged = status === 'no-data' || status === 'not-started'
  const hasData = !unjudged && props.value !== null
  // Inside a running period the comparison is against the pro-rated target (SPEC §4); the full target is context.
  const ratio = hasData ? attainmentRatio(props.value, props.proRatedTarget ?? props.target) : null
  const scaled = ratio !== null && status !== 'no-target'

  const label = ariaLabel()
  const actions = showsActionPoints(status) ? (actionPoints ?? []).filter((a) => a.trim() !== '') : []

  function ariaLabel(): string {
    if (status === 'not-started') return t('gauge.ariaNotStarted', { title, reason: noValueReason ?? t(style.label) })
    if (!hasData)
      return noValueReason
        ? t('gauge.ariaNoDataReason', { title, reason: noValueReason })
        : t('gauge.ariaNoData', { title })
    if (status === 'no-target' || targetText === undefined) return t('gauge.ariaNoTarget', { title, value: valueText })
    const spoken = t(`status.${status}.spoken`)
    return proRatedText !== undefined && props.proRatedTarget !== props.target
      ? t('gauge.ariaProRated', { title, value: valueText, target: targetText, proRated: proRatedText, status: spoken })
      : t('gauge.aria', { title, value: valueText, target: targetText, status: spoken })
  }

  return (
    <article className="gauge" data-status={status} data-direction={direction}>
      <header className="gauge-head">
        <h3 className="gauge-title">
          {onOpen ? (
            <button type="button" className="gauge-open" onClick={onOpen}>
              {title}
            </button>
          ) : (
            title
          )}
        </h3>
        <StatusChip status={status} text={t(style.label)} />
      </header>

      <div className="gauge-dial" role="img" aria-label={label}>
        <GaugeArc status={status} fraction={scaled ? arcFraction(ratio) : null} />
        <div
          className="gauge-value"
          aria-hidden="true"
          style={{ '--chars': (hasData ? valueText : '—').length } as CSSProperties}
        >
          {hasData ? valueText : '—'}
        </div>
      </div>

      <div className="gauge-facts">
        {!hasData && noValueReason && <p className="gauge-reason">{noValueReason}</p>}
        {hasData && ratio !== null && status !== 'no-target' && (
          <p className="gauge-attainment">
            {t(
              props.proRatedTarget !== null && props.proRatedTarget !== props.target
                ? 'gauge.ofProRated'
                : 'gauge.ofTarget',
              {
                percent: fmt.percent(ratio),
              },
            )}
          </p>
        )}
        {targetText !== undefined && (
          <p className="gauge-target">
            {proRatedText !== undefined && props.proRatedTarget !== props.target
              ? t('gauge.targetProRated', { target: targetText, proRated: proRatedText })
              : t('gauge.target', { target: targetText })}
          </p>
        )}
        {(deltaText || forecastText) && (
          <p className="gauge-extra">
            {deltaText && <span className="gauge-delta">{deltaText}</span>}
            {forecastText && <span className="gauge-forecast">{forecastText}</span>}
          </p>
        )}
        {direction === 'lower' && (
          <p className="gauge-direction">
            <span aria-hidden="true">↓ </span>
            {t('gauge.lowerIsBetter')}
          </p>
        )}
      </div>

      {actions.length > 0 && (
        <section className="gauge-actions" aria-label={t('gauge.actionPoints')}>
          <h4>{t('gauge.actionPoints')}</h4>
          <ul>
            {actions.map((action, i) => (
              <li key={i}>{action}</li>
            ))}
          </ul>
        </section>
      )}
    </article>
  )
}

/** Status label with its icon: colour is never the only signal. */
export function StatusChip({ status, text }: { status: GaugeStatus; text: string }) {
  const style = STATUS_STYLE[status]
  return (
    <span className="gauge-status" style={{ color: style.text, background: style.tint }}>
      <span className="gauge-status-icon" aria-hidden="true" style={{ borderColor: style.text }}>
        {style.icon}
      </span>
      {text}
    </span>
  )
}

/**
 * The dial: a light track, the value arc in the status colour (capped at SCALE_MAX_RATIO) and a tick at 100 %.
 * Without a scale (no target, no data, non-positive target) the whole arc is drawn flat grey or hatched instead,
 * so a missing scale never looks like an empty (0 %) gauge.
 */
function GaugeArc({ status, fraction }: { status: GaugeStatus; fraction: number | null }) {
  const hatchId = `gauge-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const { width, height, r, stroke } = GAUGE_BOX
  const full = arcPath(0, 1)
  const style = STATUS_STYLE[status]
  const tickFraction = 1 / SCALE_MAX_RATIO
  const tickInner = pointAt(tickFraction, r - stroke / 2 - 4)
  const tickOuter = pointAt(tickFraction, r + stroke / 2 + 4)
  let overlay
  if (status === 'no-data' || status === 'not-started') {
    overlay = <path d={full} stroke={`url(#${hatchId})`} data-part="arc" data-pattern="hatched" />
  } else if (fraction === null) {
    // No target, or a target the value cannot be a share of: show the status colour without pretending a scale.
    overlay = <path d={full} stroke={style.arc} data-part="arc" opacity={status === 'no-target' ? 1 : 0.45} />
  } else {
    overlay = fraction > 0 && (
      <path d={arcPath(0, fraction)} stroke={style.arc} data-part="arc" data-fraction={fraction} />
    )
  }
  return (
    <svg className="gauge-svg" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      <defs>
        <pattern id={hatchId} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#eef1f4" />
          <rect width="4" height="8" fill={style.arc} />
        </pattern>
      </defs>
      <g fill="none" strokeWidth={stroke} strokeLinecap="butt">
        <path d={full} stroke="#e6e9ee" data-part="track" />
        {overlay}
      </g>
      {fraction !== null && (
        <line
          x1={tickInner.x}
          y1={tickInner.y}
          x2={tickOuter.x}
          y2={tickOuter.y}
          stroke="#1f2933"
          strokeWidth="2.5"
          data-part="target-tick"
        />
      )}
    </svg>
  )
}

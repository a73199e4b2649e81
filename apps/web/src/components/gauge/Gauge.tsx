import { useId } from 'react'
import type { CSSProperties } from 'react'
import { useFormat, useLocale, useT } from '../../i18n/i18n.tsx'
import { withSoftHyphens } from '../../i18n/hyphenation.ts'
import { BandPatterns } from './BandPatterns.tsx'
import {
  GAUGE_BOX,
  arcPath,
  attainmentRatio,
  bandSegments,
  fractionOf,
  gaugeScale,
  pointAt,
  type Bands,
  type Scale,
} from './gauge-geometry.ts'
import { STATUS_STYLE, bandPatternId, showsActionPoints } from './gauge-status.ts'
import { useGaugeLabel } from './gauge-label.ts'
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
  /** Where a target nobody set for this period came from ("Derived from the December 2026 target"). */
  targetNote?: string
  status: GaugeStatus
  direction: 'higher' | 'lower'
  /** Where orange and green begin, in the value's unit (see the contract's BandsSchema); null: none to draw. */
  bands?: Bands | null
  /** The same boundaries formatted, for the accessible name. */
  bandsText?: { greenFrom: string; orangeFrom: string }
  deltaText?: string
  forecastText?: string
  actionPoints?: string[]
  noValueReason?: string
  onOpen?: () => void
}

export function Gauge(props: GaugeProps) {
  const { title, valueText, status, direction, deltaText, forecastText, actionPoints, noValueReason, onOpen } = props
  const t = useT()
  const { locale } = useLocale()
  const fmt = useFormat()
  const style = STATUS_STYLE[status]
  const targetText = props.targetText ?? (props.target === null ? undefined : fmt.number(props.target, 2))
  const proRatedText =
    props.proRatedTargetText ?? (props.proRatedTarget === null ? undefined : fmt.number(props.proRatedTarget, 2))
  const unjudged = status === 'no-data' || status === 'not-started'
  const hasData = !unjudged && props.value !== null
  // Inside a running period the comparison is against the pro-rated target (SPEC §4); the full target is context.
  const reference = props.proRatedTarget ?? props.target
  const ratio = hasData ? attainmentRatio(props.value, reference) : null
  const bands = props.bands ?? null
  const scale = gaugeScale({ value: hasData ? props.value : null, target: reference, bands })

  const label = useGaugeLabel(props)
  const actions = showsActionPoints(status) ? (actionPoints ?? []).filter((a) => a.trim() !== '') : []

  return (
    <article className="gauge" data-status={status} data-direction={direction}>
      <header className="gauge-head">
        <h3 className="gauge-title">
          {onOpen ? (
            <button type="button" className="gauge-open" onClick={onOpen}>
              {withSoftHyphens(title, locale)}
            </button>
          ) : (
            withSoftHyphens(title, locale)
          )}
        </h3>
        <StatusChip status={status} text={t(style.label)} />
      </header>

      <div
        className="gauge-dial"
        role="img"
        aria-label={label}
        style={{ '--chars': (hasData ? valueText : '—').length } as CSSProperties}
      >
        <GaugeArc
          status={status}
          direction={direction}
          scale={scale}
          value={props.value}
          target={reference}
          bands={bands}
          targetLabel={proRatedText ?? targetText}
        />
        <div className="gauge-value" aria-hidden="true">
          {hasData ? valueText : '—'}
        </div>
        {hasData && scale === null && reference === null && (
          <p className="gauge-no-scale" aria-hidden="true">
            {t('status.no-target')}
          </p>
        )}
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
        {targetText !== undefined && props.targetNote && <p className="gauge-target-note">{props.targetNote}</p>}
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
      <span
        className="gauge-status-icon"
        data-bare={style.bareIcon}
        aria-hidden="true"
        style={{ borderColor: style.text }}
      >
        {style.icon}
      </span>
      {text}
    </span>
  )
}

/**
 * The dial (decision 0035): the threshold bands as the track, the value as a narrower arc in the status colour on
 * top, and the target as a tick with its value. Without a scale (no target and no bands) only an empty track is
 * drawn, so a missing target never looks like a full or an empty (0 %) gauge; no data draws the track hatched.
 */
function GaugeArc(props: {
  status: GaugeStatus
  direction: 'higher' | 'lower'
  scale: Scale | null
  value: number | null
  target: number | null
  bands: Bands | null
  targetLabel: string | undefined
}) {
  const { status, direction, scale, value, target, bands, targetLabel } = props
  const idBase = useId().replace(/[^a-zA-Z0-9_-]/g, '')
  const hatchId = `gauge-hatch-${idBase}`
  const { r, stroke } = GAUGE_BOX
  const full = arcPath(0, 1)
  const style = STATUS_STYLE[status]
  // Nothing to judge yet (no data, or a period that has not started): the whole track hatched, no bands, no value.
  const unjudged = status === 'no-data' || status === 'not-started'
  const segments = scale && bands ? bandSegments(bands, direction, scale) : []
  const zero = scale ? fractionOf(0, scale) : 0
  const at = scale && value !== null && !unjudged ? fractionOf(value, scale) : null
  const tick = scale && target !== null ? fractionOf(target, scale) : null
  return (
    <>
      <svg
        className="gauge-svg"
        viewBox={`0 0 ${GAUGE_BOX.width} ${GAUGE_BOX.height}`}
        aria-hidden="true"
        focusable="false"
      >
        <defs>
          <pattern id={hatchId} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#eef1f4" />
            <rect width="4" height="8" fill={style.arc} />
          </pattern>
          <BandPatterns idBase={idBase} />
        </defs>
        <g fill="none" strokeWidth={stroke} strokeLinecap="butt">
          <path d={full} stroke="#eceff3" data-part="track" />
          {unjudged && <path d={full} stroke={`url(#${hatchId})`} data-part="arc" data-pattern="hatched" />}
          {!unjudged &&
            segments.map((s) => (
              <path
                key={s.level}
                d={arcPath(s.from, s.to)}
                stroke={`url(#${bandPatternId(idBase, s.level)})`}
                data-part="band"
                data-level={s.level}
                data-from={s.from}
                data-to={s.to}
              />
            ))}
          {at !== null && at !== zero && (
            <path
              d={arcPath(Math.min(zero, at), Math.max(zero, at))}
              stroke={style.arc}
              strokeWidth={stroke * 0.42}
              data-part="arc"
              data-fraction={at}
            />
          )}
        </g>
        {tick !== null && <TargetTick fraction={tick} r={r} stroke={stroke} />}
      </svg>
      {tick !== null && targetLabel !== undefined && (
        <span className="gauge-target-label" data-part="target-label" aria-hidden="true" style={targetLabelPlace(tick)}>
          {targetLabel}
        </span>
      )}
    </>
  )
}

/**
 * Where the target's label goes: inside the arc's hollow beside the tick, as percentages of the dial box. Right of
 * the top the label ends at the tick, left of it starts there, at the top it hangs below: never on the arc. Its
 * height is set in gauge.css, which also keeps it above the value text (a low tick on a narrow card would
 * otherwise put "€38,320" onto "€128,545").
 */
function targetLabelPlace(fraction: number): CSSProperties {
  const { r, stroke, width, height } = GAUGE_BOX
  const at = pointAt(fraction, r - stroke / 2 - 5)
  const beside = fraction > 0.6 || fraction < 0.4
  return {
    left: `${(at.x / width) * 100}%`,
    transform: fraction > 0.6 ? 'translateX(-100%)' : fraction < 0.4 ? undefined : 'translateX(-50%)',
    // Beside the tick the label's middle is level with it; at the top its top edge is.
    '--tick-y': `${(at.y / height) * 100}%`,
    '--anchor': beside ? 0.5 : 0,
  } as CSSProperties
}

function TargetTick({ fraction, r, stroke }: { fraction: number; r: number; stroke: number }) {
  const inner = pointAt(fraction, r - stroke / 2 - 3)
  const outer = pointAt(fraction, r + stroke / 2 + 3)
  return (
    <line
      x1={inner.x}
      y1={inner.y}
      x2={outer.x}
      y2={outer.y}
      stroke="#1f2933"
      strokeWidth="3"
      data-part="target-tick"
      data-fraction={fraction}
    />
  )
}

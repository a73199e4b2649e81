import type { CSSProperties } from 'react'
import { useFormat, useLocale, useT } from '../../i18n/i18n.tsx'
import { withSoftHyphens } from '../../i18n/hyphenation.ts'
import type { GaugeProps } from './Gauge.tsx'
import { StatusChip } from './Gauge.tsx'
import { attainmentRatio, bandSegments, fractionOf, gaugeScale } from './gauge-geometry.ts'
import { STATUS_STYLE } from './gauge-status.ts'
import { useGaugeLabel } from './gauge-label.ts'
import './bullet-graph.css'

/**
 * One KPI as Stephen Few's bullet graph (decision 0035): the threshold bands as grey shades with textures (the
 * worse, the darker), the value as a dark bar, the target as a line across it, on the gauge's scale. Takes the
 * gauge's props, so a page switches between the two without mapping anything again.
 */
export function BulletGraph(props: GaugeProps) {
  const { title, valueText, status, direction, onOpen } = props
  const t = useT()
  const fmt = useFormat()
  const { locale } = useLocale()
  // The same break points as the gauge's title: Chromium on Linux has no Dutch hyphenation dictionary.
  const heading = withSoftHyphens(title, locale)
  const label = useGaugeLabel(props)
  const hasData = status !== 'no-data' && props.value !== null
  const reference = props.proRatedTarget ?? props.target
  const bands = props.bands ?? null
  const scale = gaugeScale({ value: hasData ? props.value : null, target: reference, bands })
  const ratio = hasData ? attainmentRatio(props.value, reference) : null
  const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`
  const zero = scale ? fractionOf(0, scale) : 0
  const at = scale && hasData ? fractionOf(props.value!, scale) : null
  const tick = scale && reference !== null ? fractionOf(reference, scale) : null
  const targetText = props.targetText
  const proRated = props.proRatedTargetText !== undefined && props.proRatedTarget !== props.target
  return (
    <article className="bullet" data-status={status} data-direction={direction}>
      <div className="bullet-label">
        <h3 className="bullet-title">
          {onOpen ? (
            <button type="button" className="gauge-open" onClick={onOpen}>
              {heading}
            </button>
          ) : (
            heading
          )}
        </h3>
        <StatusChip status={status} text={t(STATUS_STYLE[status].label)} />
      </div>
      <div className="bullet-figure">
        <p className="bullet-numbers">
          <span className="bullet-value">{hasData ? valueText : '—'}</span>
          {ratio !== null && (
            <span className="bullet-share">
              {t(proRated ? 'gauge.ofProRated' : 'gauge.ofTarget', { percent: fmt.percent(ratio) })}
            </span>
          )}
          {direction === 'lower' && <span className="bullet-direction">↓ {t('gauge.lowerIsBetter')}</span>}
        </p>
        <div
          className="bullet-track"
          role="img"
          aria-label={label}
          data-scaled={scale !== null}
          data-pattern={status === 'no-data' ? 'hatched' : undefined}
        >
          {scale &&
            bands &&
            status !== 'no-data' &&
            bandSegments(bands, direction, scale).map((s) => (
              <span
                key={s.level}
                className="bullet-band"
                data-part="band"
                data-level={s.level}
                style={{ left: percent(s.from), width: percent(s.to - s.from) }}
              />
            ))}
          {at !== null && at !== zero && (
            <span
              className="bullet-bar"
              data-part="bar"
              data-fraction={at}
              style={{ left: percent(Math.min(zero, at)), width: percent(Math.abs(at - zero)) }}
            />
          )}
          {tick !== null && (
            <span
              className="bullet-target-line"
              data-part="target-tick"
              data-fraction={tick}
              style={{ '--at': percent(tick) } as CSSProperties}
            />
          )}
          {hasData && scale === null && reference === null && (
            <span className="bullet-no-scale" aria-hidden="true">
              {t('status.no-target')}
            </span>
          )}
        </div>
        {targetText !== undefined && (
          <p className="bullet-target">
            {proRated
              ? t('gauge.targetProRated', { target: targetText, proRated: props.proRatedTargetText! })
              : t('gauge.target', { target: targetText })}
          </p>
        )}
      </div>
    </article>
  )
}

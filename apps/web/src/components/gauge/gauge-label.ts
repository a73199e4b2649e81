import { useFormat, useT } from '../../i18n/i18n.tsx'
import type { GaugeProps } from './Gauge.tsx'
import { STATUS_STYLE } from './gauge-status.ts'

/**
 * The accessible name of a gauge or bullet graph: value, target and status in words, then where the bands begin
 * ("Orange from €80,000, green from €100,000"), so a screen reader hears what the picture shows.
 */
export function useGaugeLabel(props: GaugeProps): string {
  const t = useT()
  const fmt = useFormat()
  const { title, valueText, status, direction, noValueReason } = props
  const targetText = props.targetText ?? (props.target === null ? undefined : fmt.number(props.target, 2))
  const proRatedText =
    props.proRatedTargetText ?? (props.proRatedTarget === null ? undefined : fmt.number(props.proRatedTarget, 2))
  const hasData = status !== 'no-data' && status !== 'not-started' && props.value !== null

  function mainLabel(): string {
    if (status === 'not-started')
      return t('gauge.ariaNotStarted', { title, reason: noValueReason ?? t(STATUS_STYLE[status].label) })
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

  const main = mainLabel()
  if (!hasData || !props.bandsText) return main
  const { greenFrom, orangeFrom } = props.bandsText
  const bands = t(direction === 'lower' ? 'gauge.bandsLower' : 'gauge.bandsHigher', {
    green: greenFrom,
    orange: orangeFrom,
  })
  return `${main}. ${bands}`
}

import { useId, useState } from 'react'
import { inLanguage } from '@kpi/domain/bilingual'
import type { Direction } from '@kpi/domain/kpis/define-kpi'
import { Gauge } from '../../../components/gauge/Gauge.tsx'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { parseNumber, previewBands, previewStatus } from './threshold-preview.ts'
import type { ThresholdDraft } from './threshold-draft.ts'

/**
 * The gauge a sample value would show under the threshold being typed: updated on every keystroke by the domain's
 * levelFor, the same function the dashboard uses. The sample is the preview's own; it is never saved.
 */
export function ThresholdPreview({
  kpiName,
  direction,
  draft,
}: {
  kpiName: string
  direction: Direction
  draft: ThresholdDraft
}) {
  const t = useT()
  const { locale } = useLocale()
  const id = useId()
  const [sample, setSample] = useState({ value: '80', target: '100' })
  const status = previewStatus({ draft, direction, sampleValue: sample.value, sampleTarget: sample.target })
  const sampleTarget = draft.mode === 'relative' ? parseNumber(sample.target) : null

  return (
    <aside className="threshold-preview" aria-label={t('admin.thresholds.preview')}>
      <h4>{t('admin.thresholds.preview')}</h4>
      <div className="field">
        <label htmlFor={`${id}-sampleValue`}>{t('admin.thresholds.sampleValue')}</label>
        <input
          id={`${id}-sampleValue`}
          inputMode="decimal"
          value={sample.value}
          onChange={(e) => setSample((s) => ({ ...s, value: e.target.value }))}
        />
      </div>
      {draft.mode === 'relative' && (
        <div className="field">
          <label htmlFor={`${id}-sampleTarget`}>{t('admin.thresholds.sampleTarget')}</label>
          <input
            id={`${id}-sampleTarget`}
            inputMode="decimal"
            value={sample.target}
            onChange={(e) => setSample((s) => ({ ...s, target: e.target.value }))}
          />
        </div>
      )}
      <Gauge
        title={kpiName}
        valueText={sample.value || '—'}
        value={parseNumber(sample.value)}
        target={sampleTarget}
        proRatedTarget={sampleTarget}
        status={status}
        direction={direction === 'lower' ? 'lower' : 'higher'}
        bands={previewBands({ draft, direction, sampleTarget: sample.target })}
        actionPoints={
          status === 'orange' || status === 'red'
            ? splitLines(inLanguage({ en: draft.actions[status], nl: draft.actionsNl[status] }, locale))
            : []
        }
      />
      <p className="preview-status" data-testid="preview-status" data-status={status}>
        {t('admin.thresholds.previewStatus', { status: t(`status.${status}`) })}
      </p>
    </aside>
  )
}

const splitLines = (text: string) => text.split('\n').filter((l) => l.trim() !== '')

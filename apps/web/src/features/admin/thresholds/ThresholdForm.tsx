import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { Direction } from '@kpi/domain/kpis/define-kpi'
import { Gauge } from '../../../components/gauge/Gauge.tsx'
import { useT } from '../../../i18n/i18n.tsx'
import type { MessageKey } from '../../../i18n/messages.ts'
import { ApiError } from '../../../lib/http.ts'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { useConflictResolution } from '../use-conflict-resolution.ts'
import type { VersionedResult } from '../versioned-http.ts'
import { fieldName } from '../versioned-http.ts'
import { draftErrors, parseNumber, previewStatus } from './threshold-preview.ts'
import { toDraft, type ThresholdDraft } from './threshold-draft.ts'
import type { Threshold } from '@kpi/contract/thresholds'

export type SaveThreshold = (draft: ThresholdDraft, version: number | null) => Promise<VersionedResult<Threshold>>

type Props = {
  kpiName: string
  direction: Direction
  initial: Threshold
  save: SaveThreshold
  onSaved?: (saved: Threshold) => void
}

const LEVELS = ['green', 'orange', 'red'] as const

/**
 * One threshold (org default or a team override) with a live preview gauge: the status a sample value would get
 * updates on every keystroke, computed by the domain's levelFor, the same function the dashboard uses.
 */
export function ThresholdForm({ kpiName, direction, initial, save, onSaved }: Props) {
  const t = useT()
  const id = useId()
  const record = useConflictResolution({
    // A built-in default has no stored row: the first save creates one (no version).
    initial: initial.source === 'stored' ? initial : { ...initial, version: null },
    toDraft,
    resubmit: (against) => void submit(against?.version ?? null),
  })
  const { draft } = record
  const [sample, setSample] = useState({ value: '80', target: '100' })
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [savedNote, setSavedNote] = useState(false)

  const localErrors = draftErrors(draft, direction)
  const errors = { ...serverErrors, ...localErrors }
  const status = previewStatus({ draft, direction, sampleValue: sample.value, sampleTarget: sample.target })
  const sampleValue = parseNumber(sample.value)
  const sampleTarget = draft.mode === 'relative' ? parseNumber(sample.target) : null

  function edit(next: Partial<ThresholdDraft>) {
    record.setDraft((d) => ({ ...d, ...next }))
    setSavedNote(false)
  }

  async function submit(withVersion: number | null) {
    if (Object.keys(localErrors).length > 0) return
    setBusy(true)
    setServerErrors({})
    try {
      const result = await save(draft, withVersion)
      if (result.kind === 'conflict') return record.conflicted(result.current)
      record.saved(result.data)
      setSavedNote(true)
      onSaved?.(result.data)
    } catch (error) {
      const name = error instanceof ApiError ? fieldName(error.field) : undefined
      const message = error instanceof Error ? error.message : String(error)
      setServerErrors({ [name ?? 'form']: message })
    } finally {
      setBusy(false)
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    void submit(record.version)
  }

  const inputId = (name: string) => `${id}-${name}`
  const errorFor = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={inputId(`${name}-error`)}>
        {errors[name]}
      </p>
    ) : null
  const described = (name: string) => (errors[name] ? { 'aria-describedby': inputId(`${name}-error`) } : {})
  const unit = draft.mode === 'relative' ? ' (%)' : ''

  return (
    <form className="admin-form threshold-form" onSubmit={onSubmit} aria-label={kpiName}>
      <div className="threshold-fields">
        <fieldset>
          <legend>{t('admin.thresholds.mode')}</legend>
          {(['relative', 'absolute'] as const).map((mode) => (
            <label key={mode} className="radio">
              <input
                type="radio"
                name={inputId('mode')}
                checked={draft.mode === mode}
                onChange={() => edit({ mode })}
              />
              {t(`admin.thresholds.mode.${mode}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={inputId('greenFrom')}>{t('admin.thresholds.greenFrom') + unit}</label>
          <input
            id={inputId('greenFrom')}
            inputMode="decimal"
            value={draft.greenFrom}
            aria-invalid={Boolean(errors['greenFrom'])}
            {...described('greenFrom')}
            onChange={(e) => edit({ greenFrom: e.target.value })}
          />
          {errorFor('greenFrom')}
        </div>
        <div className="field">
          <label htmlFor={inputId('orangeFrom')}>{t('admin.thresholds.orangeFrom') + unit}</label>
          <input
            id={inputId('orangeFrom')}
            inputMode="decimal"
            value={draft.orangeFrom}
            aria-invalid={Boolean(errors['orangeFrom'])}
            {...described('orangeFrom')}
            onChange={(e) => edit({ orangeFrom: e.target.value })}
          />
          {errorFor('orangeFrom')}
        </div>
        {LEVELS.map((level) => (
          <div className="field" key={level}>
            <label htmlFor={inputId(`actions-${level}`)}>{t(`admin.thresholds.actions.${level}`)}</label>
            <textarea
              id={inputId(`actions-${level}`)}
              rows={2}
              value={draft.actions[level]}
              onChange={(e) => edit({ actions: { ...draft.actions, [level]: e.target.value } })}
            />
          </div>
        ))}
        {errorFor('actions')}
        {errorFor('form')}
        {record.theirs !== undefined && (
          <ConflictPanel
            rows={conflictRows(draft, record.theirs, t)}
            onKeepMine={record.keepMine}
            onUseTheirs={record.takeTheirs}
          />
        )}
        <div className="form-actions">
          <button type="submit" disabled={busy || record.theirs !== undefined}>
            {t('admin.save')}
          </button>
          {savedNote && <span role="status">{t('admin.saved')}</span>}
        </div>
      </div>

      <aside className="threshold-preview" aria-label={t('admin.thresholds.preview')}>
        <h4>{t('admin.thresholds.preview')}</h4>
        <div className="field">
          <label htmlFor={inputId('sampleValue')}>{t('admin.thresholds.sampleValue')}</label>
          <input
            id={inputId('sampleValue')}
            inputMode="decimal"
            value={sample.value}
            onChange={(e) => setSample((s) => ({ ...s, value: e.target.value }))}
          />
        </div>
        {draft.mode === 'relative' && (
          <div className="field">
            <label htmlFor={inputId('sampleTarget')}>{t('admin.thresholds.sampleTarget')}</label>
            <input
              id={inputId('sampleTarget')}
              inputMode="decimal"
              value={sample.target}
              onChange={(e) => setSample((s) => ({ ...s, target: e.target.value }))}
            />
          </div>
        )}
        <Gauge
          title={kpiName}
          valueText={sample.value || '—'}
          value={sampleValue}
          target={sampleTarget}
          proRatedTarget={sampleTarget}
          status={status}
          direction={direction === 'lower' ? 'lower' : 'higher'}
          actionPoints={status === 'orange' || status === 'red' ? splitLines(draft.actions[status]) : []}
        />
        <p className="preview-status" data-testid="preview-status" data-status={status}>
          {t('admin.thresholds.previewStatus', { status: t(`status.${status}`) })}
        </p>
      </aside>
    </form>
  )
}

const splitLines = (text: string) => text.split('\n').filter((l) => l.trim() !== '')

function conflictRows(mine: ThresholdDraft, theirs: Threshold | null, t: (key: MessageKey) => string) {
  const mode = (m: ThresholdDraft['mode']) => t(`admin.thresholds.mode.${m}`)
  const other = theirs ? toDraft(theirs) : null
  const gone = t('admin.conflict.deleted')
  return [
    { label: t('admin.thresholds.mode'), mine: mode(mine.mode), theirs: other ? mode(other.mode) : gone },
    { label: t('admin.thresholds.greenFrom'), mine: mine.greenFrom, theirs: other?.greenFrom ?? gone },
    { label: t('admin.thresholds.orangeFrom'), mine: mine.orangeFrom, theirs: other?.orangeFrom ?? gone },
    { label: t('admin.thresholds.actions.orange'), mine: mine.actions.orange, theirs: other?.actions.orange ?? gone },
    { label: t('admin.thresholds.actions.red'), mine: mine.actions.red, theirs: other?.actions.red ?? gone },
  ]
}

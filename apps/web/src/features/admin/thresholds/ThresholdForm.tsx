import { useStore } from '@tanstack/react-form'
import { useId } from 'react'
import type { Direction } from '@kpi/domain/kpis/define-kpi'
import { useT } from '../../../i18n/i18n.tsx'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { describedBy, FieldError } from '../FieldError.tsx'
import { SaveActions } from '../SaveActions.tsx'
import { useVersionedForm } from '../use-versioned-form.ts'
import type { VersionedResult } from '../versioned-http.ts'
import { conflictRows } from './threshold-conflict.ts'
import { draftErrors } from './threshold-preview.ts'
import { ThresholdPreview } from './ThresholdPreview.tsx'
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

/** One threshold (org default or a team override) with a live preview gauge beside it. */
export function ThresholdForm({ kpiName, direction, initial, save, onSaved }: Props) {
  const t = useT()
  const id = useId()
  const record = useVersionedForm({
    // A built-in default has no stored row: the first save creates one (no version).
    initial: initial.source === 'stored' ? initial : { ...initial, version: null },
    toDraft,
    save: (draft, against) => save(draft, against?.version ?? null),
    validate: (draft) => draftErrors(draft, direction),
    ...(onSaved ? { onSaved } : {}),
  })
  const { form } = record
  const draft = useStore(form.store, (state) => state.values)
  // The domain's rules are checked on every keystroke, so a message sits under its input before anything is sent.
  const errors = { ...record.serverErrors, ...draftErrors(draft, direction) }
  const inputId = (name: string) => `${id}-${name}`
  const unit = draft.mode === 'relative' ? ' (%)' : ''
  // Typing again hides the last save's "Saved" note.
  const edited = () => record.saved && record.clearOutcome()

  const bound = (name: 'greenFrom' | 'orangeFrom') => (
    <form.Field name={name}>
      {(field) => (
        <div className="field">
          <label htmlFor={inputId(name)}>{t(`admin.thresholds.${name}`) + unit}</label>
          <input
            id={inputId(name)}
            inputMode="decimal"
            value={field.state.value}
            {...describedBy(inputId(`${name}-error`), errors[name])}
            onChange={(e) => {
              field.handleChange(e.target.value)
              edited()
            }}
          />
          <FieldError id={inputId(`${name}-error`)} message={errors[name]} />
        </div>
      )}
    </form.Field>
  )

  return (
    <form
      className="admin-form threshold-form"
      aria-label={kpiName}
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <div className="threshold-fields">
        <form.Field name="mode">
          {(field) => (
            <fieldset>
              <legend>{t('admin.thresholds.mode')}</legend>
              {(['relative', 'absolute'] as const).map((mode) => (
                <label key={mode} className="radio">
                  <input
                    type="radio"
                    name={inputId('mode')}
                    checked={field.state.value === mode}
                    onChange={() => {
                      field.handleChange(mode)
                      edited()
                    }}
                  />
                  {t(`admin.thresholds.mode.${mode}`)}
                </label>
              ))}
            </fieldset>
          )}
        </form.Field>
        {bound('greenFrom')}
        {bound('orangeFrom')}
        {LEVELS.map((level) => (
          <form.Field key={level} name={`actions.${level}`}>
            {(field) => (
              <div className="field">
                <label htmlFor={inputId(`actions-${level}`)}>{t(`admin.thresholds.actions.${level}`)}</label>
                <textarea
                  id={inputId(`actions-${level}`)}
                  rows={2}
                  value={field.state.value}
                  onChange={(e) => {
                    field.handleChange(e.target.value)
                    edited()
                  }}
                />
              </div>
            )}
          </form.Field>
        ))}
        <FieldError id={inputId('actions-error')} message={errors['actions']} />
        <FieldError id={inputId('form-error')} message={errors['form']} />
        {record.theirs !== undefined && (
          <ConflictPanel
            rows={conflictRows(draft, record.theirs, t)}
            onKeepMine={record.keepMine}
            onUseTheirs={record.takeTheirs}
          />
        )}
        <SaveActions blocked={record.busy || record.theirs !== undefined} saved={record.saved} />
      </div>
      <ThresholdPreview kpiName={kpiName} direction={direction} draft={draft} />
    </form>
  )
}

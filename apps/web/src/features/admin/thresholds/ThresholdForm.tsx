import { useStore } from '@tanstack/react-form'
import { useCallback, useId, useState } from 'react'
import type { Direction } from '@kpi/domain/kpis/define-kpi'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import type { Locale } from '../../../i18n/format.ts'
import { useFieldWords } from '../../../lib/field-errors.ts'
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
  const { locale } = useLocale()
  const id = useId()
  // Messages name the inputs by the labels the person sees.
  const label = useCallback(
    (name: string) => (name === 'greenFrom' || name === 'orangeFrom' ? t(`admin.thresholds.${name}`) : name),
    [t],
  )
  const words = useFieldWords(label)
  // The action points are edited one language at a time, starting with the admin's own.
  const [language, setLanguage] = useState<Locale>(locale)
  const record = useVersionedForm({
    // A built-in default has no stored row: the first save creates one (no version).
    initial: initial.source === 'stored' ? initial : { ...initial, version: null },
    toDraft,
    save: (draft, against) => save(draft, against?.version ?? null),
    validate: (draft) => draftErrors(draft, direction, words),
    label,
    ...(onSaved ? { onSaved } : {}),
  })
  const { form } = record
  const draft = useStore(form.store, (state) => state.values)
  // The domain's rules are checked on every keystroke, so a message sits under its input before anything is sent.
  const errors = { ...record.serverErrors, ...draftErrors(draft, direction, words) }
  const actionsField = language === 'en' ? 'actions' : 'actionsNl'
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
        <fieldset className="action-languages">
          <legend>{t('admin.thresholds.actionsLanguage')}</legend>
          <div role="group" aria-label={t('admin.thresholds.actionsLanguage')}>
            {(['en', 'nl'] as const).map((option) => (
              <button
                key={option}
                type="button"
                lang={option}
                aria-pressed={language === option}
                onClick={() => setLanguage(option)}
              >
                {t(`admin.thresholds.language.${option}`)}
              </button>
            ))}
          </div>
          <p className="hint">{t('admin.thresholds.actionsHint')}</p>
        </fieldset>
        {LEVELS.map((level) => (
          <form.Field key={`${actionsField}-${level}`} name={`${actionsField}.${level}`}>
            {(field) => (
              <div className="field">
                <label htmlFor={inputId(`${actionsField}-${level}`)}>
                  {t(`admin.thresholds.actions.${level}`)} ({t(`admin.thresholds.language.${language}`)})
                </label>
                <textarea
                  id={inputId(`${actionsField}-${level}`)}
                  lang={language}
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
        <FieldError id={inputId('actions-error')} message={errors['actions'] ?? errors['actionsNl']} />
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

import { useForm, useStore } from '@tanstack/react-form'
import type { UseMutationResult } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { dueParts, hourLabel, HOURS, ISO_WEEKDAYS, weekdayName } from '../../lib/digest-schedule-text.ts'
import { apiFieldErrors, useFieldWords } from '../../lib/field-errors.ts'
import { useMe } from '../../lib/session/auth.queries.ts'
import { digestScopeOptions } from './digest-scopes.ts'
import { DIGEST_FREQUENCIES } from '@kpi/contract/digests'
import type { DigestChoice, DigestSettings } from '@kpi/contract/digests'

/** The periods a digest may report on: the running week, month or quarter (a day is too short, a year too long). */
const PERIODS = ['week', 'month', 'quarter'] as const

const toChoice = (s: DigestSettings): DigestChoice => ({
  frequency: s.frequency,
  weekday: s.weekday,
  hour: s.hour,
  scope: s.scope,
  period: s.period,
  sendWhenEmpty: s.sendWhenEmpty,
})

const sameChoice = (a: DigestChoice, b: DigestChoice) =>
  (Object.keys(a) as (keyof DigestChoice)[]).every((key) => a[key] === b[key])

/**
 * The person's choice as a form: TanStack Form holds the values, the page's mutation saves them (PUT, the whole
 * choice). Save is offered only when something differs from what is stored; the API's field errors show under
 * their input (a scope this person may not open: under Scope).
 */
export function DigestForm(props: {
  settings: DigestSettings
  save: UseMutationResult<DigestSettings, Error, DigestChoice>
  timeZone: string
}) {
  const { settings, save, timeZone } = props
  const t = useT()
  const { locale } = useLocale()
  const me = useMe()
  const stored = toChoice(settings)
  const form = useForm({
    defaultValues: stored,
    // A failed save is shown from save.error; the promise must not reject out of the submit handler.
    onSubmit: ({ value }) => save.mutateAsync(value).catch(() => undefined),
  })
  const values = useStore(form.store, (state) => state.values)
  const unchanged = sameChoice(values, stored)
  const label = useCallback((name: string) => t(`digest.field.${name}` as MessageKey), [t])
  const errors = apiFieldErrors(save.error, useFieldWords(label))
  const scopes = digestScopeOptions(me, t, settings)
  const next = settings.nextDueAt ? dueParts(locale, settings.nextDueAt, timeZone) : null

  return (
    <form
      className="digest-form"
      aria-labelledby="digest-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <p className="digest-next" data-testid="digest-next">
        {next && settings.organizationEnabled ? t('digest.next', next) : t('digest.nextNone')}
      </p>
      {settings.isDefault && <p className="digest-default">{t('digest.isDefault')}</p>}

      <form.Field name="frequency">
        {(field) => (
          <fieldset className="field digest-frequency" {...invalid('digest-frequency-error', errors['frequency'])}>
            <legend>{t('digest.field.frequency')}</legend>
            {DIGEST_FREQUENCIES.map((frequency) => (
              <label key={frequency} className="checkbox">
                <input
                  type="radio"
                  name="frequency"
                  value={frequency}
                  checked={field.state.value === frequency}
                  onChange={() => field.handleChange(frequency)}
                />{' '}
                {t(`digest.frequency.${frequency}`)}
              </label>
            ))}
            <FieldMessage id="digest-frequency-error" message={errors['frequency']} />
          </fieldset>
        )}
      </form.Field>

      {values.frequency !== 'off' && (
        <div className="digest-when">
          {values.frequency === 'weekly' && (
            <form.Field name="weekday">
              {(field) => (
                <div className="field">
                  <label htmlFor="digest-weekday">{t('digest.field.weekday')}</label>
                  <select
                    id="digest-weekday"
                    value={field.state.value}
                    {...invalid('digest-weekday-error', errors['weekday'])}
                    onChange={(e) => field.handleChange(Number(e.target.value))}
                  >
                    {ISO_WEEKDAYS.map((weekday) => (
                      <option key={weekday} value={weekday}>
                        {weekdayName(locale, weekday)}
                      </option>
                    ))}
                  </select>
                  <FieldMessage id="digest-weekday-error" message={errors['weekday']} />
                </div>
              )}
            </form.Field>
          )}
          <form.Field name="hour">
            {(field) => (
              <div className="field">
                <label htmlFor="digest-hour">{t('digest.field.hour')}</label>
                <select
                  id="digest-hour"
                  value={field.state.value}
                  {...invalid('digest-hour-error', errors['hour'], 'digest-hour-zone')}
                  onChange={(e) => field.handleChange(Number(e.target.value))}
                >
                  {HOURS.map((hour) => (
                    <option key={hour} value={hour}>
                      {hourLabel(hour)}
                    </option>
                  ))}
                </select>
                <p className="field-hint" id="digest-hour-zone">
                  {t('digest.timeZone', { timeZone })}
                </p>
                <FieldMessage id="digest-hour-error" message={errors['hour']} />
              </div>
            )}
          </form.Field>
        </div>
      )}

      <form.Field name="scope">
        {(field) => (
          <div className="field">
            <label htmlFor="digest-scope">{t('digest.field.scope')}</label>
            <select
              id="digest-scope"
              value={field.state.value}
              {...invalid('digest-scope-error', errors['scope'])}
              onChange={(e) => field.handleChange(e.target.value)}
            >
              {scopes.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            <FieldMessage id="digest-scope-error" message={errors['scope']} />
          </div>
        )}
      </form.Field>

      <form.Field name="period">
        {(field) => (
          <div className="field">
            <label htmlFor="digest-period">{t('digest.field.period')}</label>
            <select
              id="digest-period"
              value={field.state.value}
              {...invalid('digest-period-error', errors['period'])}
              onChange={(e) => field.handleChange(e.target.value as DigestChoice['period'])}
            >
              {/* A period stored by another client (day, year) stays shown rather than silently replaced. */}
              {(PERIODS.includes(stored.period as never) ? PERIODS : [...PERIODS, stored.period]).map((period) => (
                <option key={period} value={period}>
                  {t(`period.${period}`)}
                </option>
              ))}
            </select>
            <FieldMessage id="digest-period-error" message={errors['period']} />
          </div>
        )}
      </form.Field>

      <form.Field name="sendWhenEmpty">
        {(field) => (
          <div className="field">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={field.state.value}
                aria-describedby="digest-empty-hint"
                onChange={(e) => field.handleChange(e.target.checked)}
              />{' '}
              {t('digest.field.sendWhenEmpty')}
            </label>
            <p className="field-hint" id="digest-empty-hint">
              {t('digest.sendWhenEmptyHint')}
            </p>
          </div>
        )}
      </form.Field>

      {errors['form'] && (
        <p className="field-error" role="alert">
          {errors['form']}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={unchanged || save.isPending}>
          {t('digest.save')}
        </button>
        {save.isSuccess && unchanged && <span role="status">{t('digest.saved')}</span>}
      </div>
      {settings.lastSent && (
        <p className="digest-last">
          {t('digest.lastSent', {
            ...dueParts(locale, settings.lastSent.at, timeZone),
            status: t(`digest.sendStatus.${settings.lastSent.status}`),
          })}
        </p>
      )}
    </form>
  )
}

/** A control marked invalid and pointed at its message (and a hint it always has). */
function invalid(errorId: string, message: string | undefined, hintId?: string) {
  const described = [hintId, message ? errorId : undefined].filter(Boolean).join(' ')
  return {
    'aria-invalid': message !== undefined,
    ...(described ? { 'aria-describedby': described } : {}),
  }
}

function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={id} role="alert">
      {message}
    </p>
  ) : null
}

import { useStore } from '@tanstack/react-form'
import { Link } from '@tanstack/react-router'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { describedBy, FieldError } from '../FieldError.tsx'
import { SaveActions } from '../SaveActions.tsx'
import { useVersionedForm } from '../use-versioned-form.ts'
import { sendVersioned } from '../versioned-http.ts'
import type { VersionedResult } from '../versioned-http.ts'
import { settingsKeys } from './settings.queries.ts'
import { TimeZoneChange } from './TimeZoneChange.tsx'
import { GAUGE_STYLES, Settings, type GaugeStyle } from '@kpi/contract/settings'

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1)

type Draft = Pick<
  Settings,
  | 'timeZone'
  | 'currency'
  | 'fiscalYearStartMonth'
  | 'leaderboardEnabled'
  | 'splitTeamTargets'
  | 'requireTwoFactor'
  | 'gaugeStyle'
>
const pick = (s: Settings): Draft => ({
  timeZone: s.timeZone,
  currency: s.currency,
  fiscalYearStartMonth: s.fiscalYearStartMonth,
  leaderboardEnabled: s.leaderboardEnabled,
  splitTeamTargets: s.splitTeamTargets,
  requireTwoFactor: s.requireTwoFactor,
  gaugeStyle: s.gaugeStyle,
})

/** Only the fields that differ from `against` are sent: a colleague's change to another field survives. */
async function patchSettings(draft: Draft, against: Settings): Promise<VersionedResult<Settings>> {
  const changed = Object.fromEntries(Object.entries(draft).filter(([k, v]) => against[k as keyof Draft] !== v))
  if (Object.keys(changed).length === 0) return { kind: 'saved', data: against }
  return sendVersioned('PATCH', '/api/settings', { ...changed, version: against.version }, Settings)
}

/** Organisation settings: PATCH of the changed fields with the version read; 409 → theirs beside yours. */
export function SettingsForm({ initial }: { initial: Settings }) {
  const t = useT()
  const { locale } = useLocale()
  const record = useVersionedForm({
    initial,
    toDraft: pick,
    // Settings are never deleted, so `against` (the stored row, or theirs after a conflict) is always a row.
    save: (draft, against) => patchSettings(draft, against ?? initial),
    invalidates: settingsKeys.root,
  })
  const { form, serverErrors: errors } = record
  const draft = useStore(form.store, (state) => state.values)

  const text = (name: 'timeZone' | 'currency') => (
    <form.Field name={name}>
      {(field) => (
        <div className="field">
          <label htmlFor={`settings-${name}`}>{t(`admin.settings.${name}`)}</label>
          <input
            id={`settings-${name}`}
            value={field.state.value}
            {...describedBy(`settings-${name}-error`, errors[name])}
            onChange={(e) => field.handleChange(e.target.value)}
          />
          <FieldError id={`settings-${name}-error`} message={errors[name]} />
        </div>
      )}
    </form.Field>
  )
  const check = (name: 'leaderboardEnabled' | 'splitTeamTargets') => (
    <form.Field name={name}>
      {(field) => (
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={field.state.value} onChange={(e) => field.handleChange(e.target.checked)} />{' '}
            {t(`admin.settings.${name}`)}
          </label>
        </div>
      )}
    </form.Field>
  )
  const monthName = (m: number) =>
    new Date(Date.UTC(2026, m - 1, 1)).toLocaleString(locale, { month: 'long', timeZone: 'UTC' })
  // The conflict panel shows values as the form does: month names, yes/no.
  const show = (key: keyof Draft, value: Draft[keyof Draft]) =>
    key === 'fiscalYearStartMonth'
      ? monthName(Number(value))
      : key === 'gaugeStyle'
        ? t(`gaugeStyle.${value as GaugeStyle}`)
        : typeof value === 'boolean'
          ? t(value ? 'common.yes' : 'common.no')
          : String(value)

  return (
    <form
      className="admin-form"
      aria-label={t('admin.tab.settings')}
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <p className="page-sub">{(record.base ?? initial).name}</p>
      {text('timeZone')}
      <TimeZoneChange id="settings-timeZone-change" from={(record.base ?? initial).timeZone} to={draft.timeZone} />
      {text('currency')}
      <form.Field name="fiscalYearStartMonth">
        {(field) => (
          <div className="field">
            <label htmlFor="settings-fiscal">{t('admin.settings.fiscalYearStartMonth')}</label>
            <select
              id="settings-fiscal"
              value={field.state.value}
              onChange={(e) => field.handleChange(Number(e.target.value))}
            >
              {MONTHS.map((m) => (
                <option key={m} value={m}>
                  {monthName(m)}
                </option>
              ))}
            </select>
          </div>
        )}
      </form.Field>
      {check('leaderboardEnabled')}
      {check('splitTeamTargets')}
      <form.Field name="gaugeStyle">
        {(field) => (
          <div className="field">
            <label htmlFor="settings-gaugeStyle">{t('admin.settings.gaugeStyle')}</label>
            <select
              id="settings-gaugeStyle"
              aria-describedby="settings-gaugeStyle-hint"
              value={field.state.value}
              onChange={(e) => field.handleChange(e.target.value as GaugeStyle)}
            >
              {GAUGE_STYLES.map((style) => (
                <option key={style} value={style}>
                  {t(`gaugeStyle.${style}`)}
                </option>
              ))}
            </select>
            <p className="field-hint" id="settings-gaugeStyle-hint">
              {t('admin.settings.gaugeStyleHint')}
            </p>
          </div>
        )}
      </form.Field>
      <form.Field name="requireTwoFactor">
        {(field) => (
          <div className="field">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={field.state.value}
                aria-invalid={errors['requireTwoFactor'] !== undefined}
                aria-describedby={
                  errors['requireTwoFactor']
                    ? 'settings-requireTwoFactor-hint settings-requireTwoFactor-error'
                    : 'settings-requireTwoFactor-hint'
                }
                onChange={(e) => field.handleChange(e.target.checked)}
              />{' '}
              {t('admin.settings.requireTwoFactor')}
            </label>
            <p className="field-hint" id="settings-requireTwoFactor-hint">
              {t('admin.settings.requireTwoFactorHint')}
            </p>
            {/* The API's only refusal here: the admin has no codes of their own (they would lock themselves out). */}
            {errors['requireTwoFactor'] && (
              <p className="field-error" id="settings-requireTwoFactor-error" role="alert">
                {t('admin.settings.requireTwoFactorOwnFirst')}{' '}
                <Link to="/me/security">{t('admin.settings.requireTwoFactorOwnFirstLink')}</Link>
              </p>
            )}
          </div>
        )}
      </form.Field>
      {errors['form'] && <p className="field-error">{errors['form']}</p>}
      {record.theirs !== undefined && (
        <ConflictPanel
          rows={(Object.keys(draft) as (keyof Draft)[]).map((k) => ({
            label: t(`admin.settings.${k}`),
            mine: show(k, draft[k]),
            theirs: record.theirs ? show(k, record.theirs[k]) : t('admin.conflict.deleted'),
          }))}
          onKeepMine={record.keepMine}
          onUseTheirs={record.takeTheirs}
        />
      )}
      <SaveActions blocked={record.busy || record.theirs !== undefined} saved={record.saved} />
    </form>
  )
}

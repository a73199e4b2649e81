import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { FormEvent } from 'react'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { ApiError } from '../../../lib/http.ts'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { useConflictResolution } from '../use-conflict-resolution.ts'
import { fieldName, sendVersioned } from '../versioned-http.ts'
import { holidaysQuery, settingsKeys, settingsQuery } from './settings.queries.ts'
import { Holidays, Settings } from '@kpi/contract/settings'

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1)

export function SettingsSection() {
  const t = useT()
  const settings = useQuery(settingsQuery())
  const holidays = useQuery(holidaysQuery())
  if (settings.isPending || holidays.isPending) return <p>{t('common.loading')}</p>
  if (settings.isError || holidays.isError) return <p role="alert">{t('common.error', { message: 'settings' })}</p>
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t('admin.tab.settings')}</h2>
      <SettingsForm initial={settings.data} />
      <HolidaysForm initial={holidays.data} />
    </section>
  )
}

type Draft = Pick<
  Settings,
  'timeZone' | 'currency' | 'fiscalYearStartMonth' | 'leaderboardEnabled' | 'splitTeamTargets'
>
const pick = (s: Settings): Draft => ({
  timeZone: s.timeZone,
  currency: s.currency,
  fiscalYearStartMonth: s.fiscalYearStartMonth,
  leaderboardEnabled: s.leaderboardEnabled,
  splitTeamTargets: s.splitTeamTargets,
})

/** Organisation settings: PATCH of the changed fields with the version read; 409 → theirs beside yours. */
function SettingsForm({ initial }: { initial: Settings }) {
  const t = useT()
  const { locale } = useLocale()
  const client = useQueryClient()
  // Settings are never deleted, so `against` (theirs after a conflict) is always a row.
  const record = useConflictResolution({ initial, toDraft: pick, resubmit: (against) => void submit(against ?? base) })
  const { draft, setDraft } = record
  const base = record.base ?? initial
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState(false)

  // Only the fields that differ from `against` are sent: a colleague's change to another field survives.
  async function submit(against: Settings) {
    setErrors({})
    setSaved(false)
    const changed = Object.fromEntries(Object.entries(draft).filter(([k, v]) => against[k as keyof Draft] !== v))
    if (Object.keys(changed).length === 0) return record.saved(against)
    try {
      const result = await sendVersioned('PATCH', '/api/settings', { ...changed, version: against.version }, Settings)
      if (result.kind === 'conflict') return record.conflicted(result.current)
      record.saved(result.data)
      setSaved(true)
      await client.invalidateQueries({ queryKey: settingsKeys.root })
    } catch (e) {
      const name = e instanceof ApiError ? fieldName(e.field) : undefined
      setErrors({ [name ?? 'form']: (e as Error).message })
    }
  }

  const text = (name: 'timeZone' | 'currency') => (
    <div className="field">
      <label htmlFor={`settings-${name}`}>{t(`admin.settings.${name}`)}</label>
      <input
        id={`settings-${name}`}
        value={draft[name]}
        aria-invalid={Boolean(errors[name])}
        {...(errors[name] ? { 'aria-describedby': `settings-${name}-error` } : {})}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
      {errors[name] && (
        <p className="field-error" id={`settings-${name}-error`}>
          {errors[name]}
        </p>
      )}
    </div>
  )
  const check = (name: 'leaderboardEnabled' | 'splitTeamTargets') => (
    <label className="checkbox">
      <input type="checkbox" checked={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.checked })} />{' '}
      {t(`admin.settings.${name}`)}
    </label>
  )

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    void submit(base)
  }
  const monthName = (m: number) =>
    new Date(Date.UTC(2026, m - 1, 1)).toLocaleString(locale, { month: 'long', timeZone: 'UTC' })
  // The conflict panel shows values as the form does: month names, yes/no.
  const show = (key: keyof Draft, value: Draft[keyof Draft]) =>
    key === 'fiscalYearStartMonth'
      ? monthName(Number(value))
      : typeof value === 'boolean'
        ? t(value ? 'common.yes' : 'common.no')
        : String(value)

  return (
    <form className="admin-form" onSubmit={onSubmit} aria-label={t('admin.tab.settings')}>
      <p className="page-sub">{base.name}</p>
      {text('timeZone')}
      {text('currency')}
      <div className="field">
        <label htmlFor="settings-fiscal">{t('admin.settings.fiscalYearStartMonth')}</label>
        <select
          id="settings-fiscal"
          value={draft.fiscalYearStartMonth}
          onChange={(e) => setDraft({ ...draft, fiscalYearStartMonth: Number(e.target.value) })}
        >
          {MONTHS.map((m) => (
            <option key={m} value={m}>
              {monthName(m)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">{check('leaderboardEnabled')}</div>
      <div className="field">{check('splitTeamTargets')}</div>
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
      <SaveActions blocked={record.theirs !== undefined} saved={saved} />
    </form>
  )
}

/** Holidays as "YYYY-MM-DD name" lines: quick to paste from a calendar; saved as a whole with the settings version. */
function HolidaysForm({ initial }: { initial: Holidays }) {
  const t = useT()
  const client = useQueryClient()
  const toText = (h: Holidays) => h.holidays.map((x) => `${x.date} ${x.name}`).join('\n')
  const record = useConflictResolution({
    initial,
    toDraft: toText,
    resubmit: (against) => void submit(against?.version ?? record.version ?? initial.version),
  })
  const { draft: text, setDraft: setText } = record
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  async function submit(withVersion: number) {
    setError(null)
    setSaved(false)
    const holidays = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .map((l) => ({ date: l.slice(0, 10), name: l.slice(10).trim() }))
    try {
      const result = await sendVersioned('PUT', '/api/settings/holidays', { holidays, version: withVersion }, Holidays)
      if (result.kind === 'conflict') return record.conflicted(result.current)
      record.saved(result.data)
      setSaved(true)
      await client.invalidateQueries({ queryKey: settingsKeys.root })
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <form
      className="admin-form"
      aria-label={t('admin.settings.holidays')}
      onSubmit={(e) => {
        e.preventDefault()
        void submit(record.version ?? initial.version)
      }}
    >
      <div className="field">
        <label htmlFor="settings-holidays">{t('admin.settings.holidays')}</label>
        <textarea
          id="settings-holidays"
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error !== null}
          {...(error ? { 'aria-describedby': 'settings-holidays-error' } : {})}
        />
        {error && (
          <p className="field-error" id="settings-holidays-error">
            {error}
          </p>
        )}
      </div>
      {record.theirs !== undefined && (
        <ConflictPanel
          rows={[
            { label: t('admin.settings.holidays'), mine: text, theirs: record.theirs ? toText(record.theirs) : '' },
          ]}
          onKeepMine={record.keepMine}
          onUseTheirs={record.takeTheirs}
        />
      )}
      <SaveActions blocked={record.theirs !== undefined} saved={saved} />
    </form>
  )
}

/** A form's Save button (blocked while a 409 waits for "keep mine" or "use theirs") and its "Saved" note. */
function SaveActions({ blocked, saved }: { blocked: boolean; saved: boolean }) {
  const t = useT()
  return (
    <div className="form-actions">
      <button type="submit" disabled={blocked}>
        {t('admin.save')}
      </button>
      {saved && <span role="status">{t('admin.saved')}</span>}
    </div>
  )
}

import { useStore } from '@tanstack/react-form'
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { INTL_LOCALE } from '../../../i18n/format.ts'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import type { MessageKey } from '../../../i18n/messages.ts'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { describedBy, FieldError } from '../FieldError.tsx'
import { settingsQuery } from '../settings/settings.queries.ts'
import { useVersionedForm } from '../use-versioned-form.ts'
import { useScopeNames } from './use-scope-names.ts'
import { hourText, maskUrl, scheduleText, weekdayName } from './webhook-text.ts'
import { saveWebhook, webhookKeys, type SavedWebhook, type WebhookBody, type WebhookRow } from './webhooks.queries.ts'
import { DIGEST_FREQUENCIES, type DigestFrequency } from '@kpi/contract/digests'
import { WEBHOOK_FORMATS, type WebhookFormat } from '@kpi/contract/webhooks'

type Locale = WebhookRow['locale']
export type Draft = {
  /** Empty when editing: the stored URL (a secret) is kept and never put back into an input. */
  url: string
  format: WebhookFormat
  locale: Locale
  /** '' is the whole organisation. */
  scope: string
  frequency: DigestFrequency
  weekday: number
  hour: number
  active: boolean
}
/** The form's record: a stored webhook, or none yet (version null) while adding. */
type FormRow = SavedWebhook | { version: null }
const isStored = (row: FormRow | null): row is SavedWebhook => row !== null && row.version !== null

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7]
/** The inputs that show an error under themselves; any other (version, active, an unexpected answer) shows above Save. */
const FIELDS_WITH_ERRORS = new Set(['url', 'format', 'locale', 'scope', 'digest'])
const HOURS = Array.from({ length: 24 }, (_, hour) => hour)

const toDraft = (row: FormRow, locale: Locale): Draft =>
  isStored(row)
    ? {
        url: '',
        format: row.format,
        locale: row.locale,
        scope: row.scope ?? '',
        frequency: row.digest.frequency,
        weekday: row.digest.weekday,
        hour: row.digest.hour,
        active: row.active,
      }
    : { url: '', format: 'slack', locale, scope: '', frequency: 'off', weekday: 1, hour: 8, active: true }

/** The request body; an edit without a new URL leaves the stored one as it is. */
export const toBody = (draft: Draft): WebhookBody => {
  const url = draft.url.trim()
  return {
    ...(url === '' ? {} : { url }),
    format: draft.format,
    locale: draft.locale,
    scope: draft.scope === '' ? null : draft.scope,
    digest: { frequency: draft.frequency, weekday: draft.weekday, hour: draft.hour },
    active: draft.active,
  }
}

/**
 * Adds a webhook (no `webhook`) or edits one at the version it was read (409 → theirs beside yours). Each format
 * has one line saying where its URL comes from; the digest hour is in the organisation's time zone.
 */
export function WebhookForm({
  webhook,
  onSaved,
  onCancel,
}: {
  webhook?: WebhookRow
  onSaved: (saved: SavedWebhook, created: boolean) => void
  onCancel: () => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const id = useId()
  const scopes = useScopeNames()
  const timeZone = useQuery(settingsQuery()).data?.timeZone
  const label = (name: string) => t(`admin.webhooks.field.${name}` as MessageKey)
  const record = useVersionedForm<FormRow, Draft>({
    initial: webhook ?? { version: null },
    toDraft: (row) => toDraft(row, locale),
    save: (draft, against) => saveWebhook(toBody(draft), isStored(against) ? against : null),
    validate: (draft): Record<string, string> =>
      !webhook && draft.url.trim() === '' ? { url: t('admin.webhooks.urlRequired') } : {},
    invalidates: webhookKeys.root,
    onSaved: (row) => {
      if (isStored(row)) onSaved(row, webhook === undefined)
    },
    label,
  })
  const { form, serverErrors } = record
  const draft = useStore(form.store, (state) => state.values)
  // "Required" only once Save was tried: not while the person is still on their way to the field.
  const tried = useStore(form.store, (state) => state.submissionAttempts > 0)
  const urlMissing = tried && webhook === undefined && draft.url.trim() === ''
  const errors: Record<string, string | undefined> = {
    ...serverErrors,
    url: serverErrors['url'] ?? (urlMissing ? t('admin.webhooks.urlRequired') : undefined),
  }
  const formError = Object.entries(serverErrors).find(([name]) => !FIELDS_WITH_ERRORS.has(name))?.[1]
  const intl = INTL_LOCALE[locale]
  // The API's refusal stays under its field until the next Save answers it, as in the other admin forms.
  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => form.setFieldValue(name, value as never)
  const title = webhook ? t('admin.webhooks.edit', { name: maskUrl(webhook.url) }) : t('admin.webhooks.add')
  const formatName = (format: WebhookFormat) => t(`admin.webhooks.format.${format}`)
  const conflictRows = (theirs: WebhookRow) => {
    const mine = toBody(draft)
    return [
      {
        label: label('url'),
        mine: mine.url ? maskUrl(mine.url) : maskUrl(webhook?.url ?? ''),
        theirs: maskUrl(theirs.url),
      },
      { label: label('format'), mine: formatName(draft.format), theirs: formatName(theirs.format) },
      {
        label: label('locale'),
        mine: t(`admin.webhooks.locale.${draft.locale}`),
        theirs: t(`admin.webhooks.locale.${theirs.locale}`),
      },
      { label: label('scope'), mine: scopes.nameOf(mine.scope ?? null), theirs: scopes.nameOf(theirs.scope) },
      {
        label: label('digest'),
        mine: scheduleText(t, intl, { frequency: draft.frequency, weekday: draft.weekday, hour: draft.hour }),
        theirs: scheduleText(t, intl, theirs.digest),
      },
      {
        label: label('active'),
        mine: t(draft.active ? 'common.yes' : 'common.no'),
        theirs: t(theirs.active ? 'common.yes' : 'common.no'),
      },
    ]
  }

  return (
    <form
      className="admin-form webhook-form"
      aria-label={title}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <h2>{title}</h2>
      <div className="field">
        <label htmlFor={`${id}-url`}>{label('url')}</label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={draft.url}
          placeholder={webhook ? maskUrl(webhook.url) : 'https://hooks.slack.com/services/…'}
          {...describedBy(`${id}-url-error`, errors['url'])}
          onChange={(e) => set('url', e.target.value)}
        />
        {webhook && <p className="field-hint">{t('admin.webhooks.urlKeep')}</p>}
        <FieldError id={`${id}-url-error`} message={errors['url']} />
      </div>
      <fieldset className="field webhook-formats" {...describedBy(`${id}-format-error`, errors['format'])}>
        <legend>{label('format')}</legend>
        {WEBHOOK_FORMATS.map((format) => (
          <div key={format} className="webhook-format">
            <label className="checkbox">
              <input
                type="radio"
                name={`${id}-format`}
                value={format}
                checked={draft.format === format}
                aria-describedby={`${id}-format-${format}-help`}
                onChange={() => set('format', format)}
              />{' '}
              {formatName(format)}
            </label>
            <p className="field-hint" id={`${id}-format-${format}-help`}>
              {t(`admin.webhooks.formatHelp.${format}`)}
            </p>
          </div>
        ))}
        <FieldError id={`${id}-format-error`} message={errors['format']} />
      </fieldset>
      <div className="webhook-form-row">
        <div className="field">
          <label htmlFor={`${id}-locale`}>{label('locale')}</label>
          <select id={`${id}-locale`} value={draft.locale} onChange={(e) => set('locale', e.target.value as Locale)}>
            <option value="en">{t('admin.webhooks.locale.en')}</option>
            <option value="nl">{t('admin.webhooks.locale.nl')}</option>
          </select>
          <FieldError id={`${id}-locale-error`} message={errors['locale']} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-scope`}>{label('scope')}</label>
          <select
            id={`${id}-scope`}
            value={draft.scope}
            {...describedBy(`${id}-scope-error`, errors['scope'])}
            onChange={(e) => set('scope', e.target.value)}
          >
            <option value="">{t('admin.webhooks.scope.org')}</option>
            {/* A stored scope that is no longer offered (an inactive team) stays choosable as it is. */}
            {draft.scope !== '' && !scopes.groups.some((g) => g.options.some((o) => o.value === draft.scope)) && (
              <option value={draft.scope}>{scopes.nameOf(draft.scope)}</option>
            )}
            {scopes.groups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldError id={`${id}-scope-error`} message={errors['scope']} />
        </div>
      </div>
      <div className="webhook-form-row">
        <div className="field">
          <label htmlFor={`${id}-frequency`}>{label('digest')}</label>
          <select
            id={`${id}-frequency`}
            value={draft.frequency}
            {...describedBy(`${id}-digest-error`, errors['digest'])}
            onChange={(e) => set('frequency', e.target.value as DigestFrequency)}
          >
            {DIGEST_FREQUENCIES.map((frequency) => (
              <option key={frequency} value={frequency}>
                {t(`admin.webhooks.frequency.${frequency}`)}
              </option>
            ))}
          </select>
        </div>
        {draft.frequency === 'weekly' && (
          <div className="field">
            <label htmlFor={`${id}-weekday`}>{label('weekday')}</label>
            <select id={`${id}-weekday`} value={draft.weekday} onChange={(e) => set('weekday', Number(e.target.value))}>
              {WEEKDAYS.map((weekday) => (
                <option key={weekday} value={weekday}>
                  {weekdayName(intl, weekday)}
                </option>
              ))}
            </select>
          </div>
        )}
        {draft.frequency !== 'off' && (
          <div className="field">
            <label htmlFor={`${id}-hour`}>{timeZone ? t('admin.webhooks.hourIn', { timeZone }) : label('hour')}</label>
            <select id={`${id}-hour`} value={draft.hour} onChange={(e) => set('hour', Number(e.target.value))}>
              {HOURS.map((hour) => (
                <option key={hour} value={hour}>
                  {hourText(hour)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <p className="field-hint">{t('admin.webhooks.digestHelp')}</p>
      <FieldError id={`${id}-digest-error`} message={errors['digest']} />
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} />{' '}
          {label('active')}
        </label>
      </div>
      {record.theirs !== undefined &&
        (record.theirs === null ? (
          <div className="conflict panel" role="alert">
            <p>{t('admin.webhooks.deletedMeanwhile')}</p>
            <button type="button" onClick={onCancel}>
              {t('admin.webhooks.cancel')}
            </button>
          </div>
        ) : (
          <ConflictPanel
            rows={conflictRows(record.theirs as WebhookRow)}
            onKeepMine={record.keepMine}
            onUseTheirs={record.takeTheirs}
          />
        ))}
      {formError !== undefined && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={record.busy || record.theirs !== undefined}>
          {t('admin.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('admin.webhooks.cancel')}
        </button>
      </div>
    </form>
  )
}

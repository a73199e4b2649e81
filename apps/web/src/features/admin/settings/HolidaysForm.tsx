import { useStore } from '@tanstack/react-form'
import { useT } from '../../../i18n/i18n.tsx'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { describedBy, FieldError } from '../FieldError.tsx'
import { SaveActions } from '../SaveActions.tsx'
import { useVersionedForm } from '../use-versioned-form.ts'
import { sendVersioned } from '../versioned-http.ts'
import { settingsKeys } from './settings.queries.ts'
import { Holidays } from '@kpi/contract/settings'

const toText = (h: Holidays) => h.holidays.map((x) => `${x.date} ${x.name}`).join('\n')

const fromText = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => ({ date: l.slice(0, 10), name: l.slice(10).trim() }))

/** Holidays as "YYYY-MM-DD name" lines: quick to paste from a calendar; saved as a whole with the settings version. */
export function HolidaysForm({ initial }: { initial: Holidays }) {
  const t = useT()
  const record = useVersionedForm({
    initial,
    toDraft: (h: Holidays) => ({ text: toText(h) }),
    // Holidays are never deleted: `against` is the stored list, or theirs after a conflict.
    save: ({ text }, against) =>
      sendVersioned(
        'PUT',
        '/api/settings/holidays',
        { holidays: fromText(text), version: (against ?? initial).version },
        Holidays,
      ),
    invalidates: settingsKeys.root,
  })
  const { form } = record
  // The whole list is one input: whatever the API says about it belongs under it.
  const error = Object.values(record.serverErrors)[0]
  const text = useStore(form.store, (state) => state.values.text)

  return (
    <form
      className="admin-form"
      aria-label={t('admin.settings.holidays')}
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <form.Field name="text">
        {(field) => (
          <div className="field">
            <label htmlFor="settings-holidays">{t('admin.settings.holidays')}</label>
            <textarea
              id="settings-holidays"
              rows={8}
              value={field.state.value}
              onChange={(e) => field.handleChange(e.target.value)}
              {...describedBy('settings-holidays-error', error)}
            />
            <FieldError id="settings-holidays-error" message={error} />
          </div>
        )}
      </form.Field>
      {record.theirs !== undefined && (
        <ConflictPanel
          rows={[
            { label: t('admin.settings.holidays'), mine: text, theirs: record.theirs ? toText(record.theirs) : '' },
          ]}
          onKeepMine={record.keepMine}
          onUseTheirs={record.takeTheirs}
        />
      )}
      <SaveActions blocked={record.busy || record.theirs !== undefined} saved={record.saved} />
    </form>
  )
}

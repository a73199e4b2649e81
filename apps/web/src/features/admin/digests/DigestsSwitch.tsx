import { useQueryClient } from '@tanstack/react-query'
import { useStore } from '@tanstack/react-form'
import { useT } from '../../../i18n/i18n.tsx'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { SaveActions } from '../SaveActions.tsx'
import { settingsKeys } from '../settings/settings.queries.ts'
import { useVersionedForm } from '../use-versioned-form.ts'
import { sendVersioned } from '../versioned-http.ts'
import { digestsKeys } from './digests.queries.ts'
import { Settings } from '@kpi/contract/settings'

type Draft = { digestsEnabled: boolean }

/**
 * The organisation's switch: off stops every scheduled digest (people's and webhooks'), choices are kept. A PATCH
 * of the settings with the version read, so a colleague's change meanwhile is a 409 shown as the settings form does.
 */
export function DigestsSwitch({ initial }: { initial: Settings }) {
  const t = useT()
  const client = useQueryClient()
  const record = useVersionedForm<Settings, Draft>({
    initial,
    toDraft: (settings) => ({ digestsEnabled: settings.digestsEnabled }),
    save: (draft, against) => {
      const base = against ?? initial
      if (draft.digestsEnabled === base.digestsEnabled) return Promise.resolve({ kind: 'saved', data: base })
      return sendVersioned('PATCH', '/api/settings', { ...draft, version: base.version }, Settings)
    },
    invalidates: settingsKeys.root,
    // Who gets what next depends on the switch.
    onSaved: () => void client.invalidateQueries({ queryKey: digestsKeys.root }),
  })
  const { form, serverErrors: errors } = record
  const draft = useStore(form.store, (state) => state.values)
  const yesNo = (on: boolean) => t(on ? 'common.yes' : 'common.no')

  return (
    <form
      className="admin-form digests-switch"
      aria-label={t('admin.digests.switchTitle')}
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <form.Field name="digestsEnabled">
        {(field) => (
          <div className="field">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={field.state.value}
                aria-describedby="digests-enabled-hint"
                onChange={(e) => {
                  record.clearOutcome()
                  field.handleChange(e.target.checked)
                }}
              />{' '}
              {t('admin.digests.enabled')}
            </label>
            <p className="field-hint" id="digests-enabled-hint">
              {t('admin.digests.enabledHint')}
            </p>
          </div>
        )}
      </form.Field>
      {errors['form'] && <p className="field-error">{errors['form']}</p>}
      {record.theirs !== undefined && (
        <ConflictPanel
          rows={[
            {
              label: t('admin.digests.enabled'),
              mine: yesNo(draft.digestsEnabled),
              theirs: record.theirs ? yesNo(record.theirs.digestsEnabled) : t('admin.conflict.deleted'),
            },
          ]}
          onKeepMine={record.keepMine}
          onUseTheirs={record.takeTheirs}
        />
      )}
      <SaveActions blocked={record.busy || record.theirs !== undefined} saved={record.saved} />
    </form>
  )
}

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useT } from '../../../i18n/i18n.tsx'
import { sendJson } from '../../../lib/http.ts'
import { meKeys } from '../../../lib/session/auth.queries.ts'
import { describedBy, FieldError } from '../FieldError.tsx'
import { submitted, useCreateForm } from './AddForms.tsx'
import { useRowSave } from './use-row-save.ts'
import { NameCell, OptionalIdSelect, RowConflict, SaveCell } from './UserRows.tsx'
import { regionKeys, teamKeys } from './users.queries.ts'
import { RegionOut, RegionResponse, type RegionOut as Region } from '@kpi/contract/regions'
import type { UserOut as User } from '@kpi/contract/users'

const regionDraft = ({ name, managerId }: Region) => ({ name, managerId })

/** Regions (groups of teams, decision 0034): name and manager per row, saved on its own; an add form below. */
export function RegionsTable({ regions, managers }: { regions: Region[]; managers: User[] }) {
  const t = useT()
  return (
    <>
      <h3>{t('admin.users.regions')}</h3>
      <p className="field-hint">{t('admin.users.regionsHint')}</p>
      {regions.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.users.manager')}</th>
              <th scope="col" />
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {regions.map((region) => (
              <RegionRow key={region.id} region={region} managers={managers} />
            ))}
          </tbody>
        </table>
      )}
      <AddRegion />
    </>
  )
}

function RegionRow({ region, managers }: { region: Region; managers: User[] }) {
  const t = useT()
  const row = useRowSave({
    url: `/api/regions/${region.id}`,
    listKey: regionKeys.root,
    initial: region,
    toDraft: regionDraft,
    schema: RegionResponse,
    rowOf: (body) => body.region,
    rowSchema: RegionOut,
  })
  const { draft, form } = row
  const managerName = (id: number | null) => managers.find((m) => m.id === id)?.name ?? '—'
  const client = useQueryClient()
  // Its teams stay, without a region; its targets and overrides go (decision 0034). The picker (/api/me) changes too.
  const remove = useMutation({
    mutationFn: () => sendJson('DELETE', `/api/regions/${region.id}?version=${region.version}`),
    onSuccess: () =>
      Promise.all(
        [regionKeys.root, teamKeys.root, meKeys.root].map((queryKey) => client.invalidateQueries({ queryKey })),
      ),
  })
  return (
    <>
      <tr>
        <NameCell
          id={`region-${region.id}-name`}
          label={t('admin.users.regionName', { region: region.name })}
          value={draft.name}
          error={row.errors['name']}
          onChange={(name) => form.setFieldValue('name', name)}
        />
        <td>
          <OptionalIdSelect
            label={t('admin.users.regionManagerOf', { region: region.name })}
            value={draft.managerId}
            options={managers}
            onChange={(managerId) => form.setFieldValue('managerId', managerId)}
          />
        </td>
        <SaveCell row={row} except="name" />
        <td>
          <button
            type="button"
            disabled={remove.isPending}
            onClick={() =>
              window.confirm(t('admin.users.deleteRegionConfirm', { region: region.name })) && remove.mutate()
            }
          >
            {t('admin.users.deleteRegion', { region: region.name })}
          </button>
          {remove.error && <span className="field-error"> {remove.error.message}</span>}
        </td>
      </tr>
      <RowConflict
        colSpan={4}
        row={row}
        fields={[
          { label: t('admin.users.name'), value: (x) => x.name },
          { label: t('admin.users.manager'), value: (x) => managerName(x.managerId) },
        ]}
      />
    </>
  )
}

function AddRegion() {
  const t = useT()
  const { form, errors } = useCreateForm({
    url: '/api/regions',
    // The Show picker lists regions from /api/me: it is read again as well.
    listKey: regionKeys.root,
    alsoInvalidates: [meKeys.root],
    empty: { name: '' },
    toBody: (values) => values,
  })
  const message = errors['name'] ?? errors['form']
  return (
    <form className="admin-form field inline" onSubmit={submitted(form)}>
      <label htmlFor="new-region-name">{t('admin.users.newRegion')}</label>
      <form.Field name="name">
        {(field) => (
          <input
            id="new-region-name"
            value={field.state.value}
            onChange={(e) => field.handleChange(e.target.value)}
            {...describedBy('new-region-name-error', errors['name'])}
          />
        )}
      </form.Field>
      <button type="submit">{t('admin.users.add')}</button>
      <FieldError id="new-region-name-error" message={message} />
    </form>
  )
}

import { useT } from '../../../i18n/i18n.tsx'
import { describedBy, FieldError } from '../FieldError.tsx'
import { submitted, useCreateForm } from './AddForms.tsx'
import { useRowSave } from './use-row-save.ts'
import { NameCell, OptionalIdSelect, RowConflict, SaveCell } from './UserRows.tsx'
import { regionKeys } from './users.queries.ts'
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
      </tr>
      <RowConflict
        colSpan={3}
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
    listKey: regionKeys.root,
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

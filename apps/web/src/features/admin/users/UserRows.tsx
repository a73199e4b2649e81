import { useT } from '../../../i18n/i18n.tsx'
import type { MessageKey } from '../../../i18n/messages.ts'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { InviteCell } from './InviteCell.tsx'
import { ResetLinkCell } from './ResetLinkCell.tsx'
import { TwoFactorCell } from './TwoFactorCell.tsx'
import { useRowSave } from './use-row-save.ts'
import { teamKeys, userKeys } from './users.queries.ts'
import { ROLES, UserOut, UserResponse, type UserOut as User, type Role } from '@kpi/contract/users'
import type { RegionOut as Region } from '@kpi/contract/regions'
import { TeamOut, TeamResponse, type TeamOut as Team } from '@kpi/contract/teams'

const teamDraft = ({ name, managerId, regionId, active }: Team) => ({ name, managerId, regionId, active })
const userDraft = ({ name, role, teamId, active }: User) => ({ name, role, teamId, active })

/** One team, edited in place and saved on its own (PATCH with its version). */
export function TeamRow({ team, managers, regions }: { team: Team; managers: User[]; regions: Region[] }) {
  const t = useT()
  const row = useRowSave({
    url: `/api/teams/${team.id}`,
    listKey: teamKeys.root,
    initial: team,
    toDraft: teamDraft,
    schema: TeamResponse,
    rowOf: (body) => body.team,
    rowSchema: TeamOut,
  })
  const { draft, form } = row
  const managerName = (id: number | null) => managers.find((m) => m.id === id)?.name ?? '—'
  const regionName = (id: number | null) => regions.find((r) => r.id === id)?.name ?? '—'
  return (
    <>
      <tr>
        <NameCell
          id={`team-${team.id}-name`}
          label={t('admin.users.teamName', { team: team.name })}
          value={draft.name}
          error={row.errors['name']}
          onChange={(name) => form.setFieldValue('name', name)}
        />
        <td>
          <OptionalIdSelect
            label={t('admin.users.managerOf', { team: team.name })}
            value={draft.managerId}
            options={managers}
            onChange={(managerId) => form.setFieldValue('managerId', managerId)}
          />
        </td>
        <td>
          <OptionalIdSelect
            label={t('admin.users.regionOf', { team: team.name })}
            value={draft.regionId}
            options={regions}
            onChange={(regionId) => form.setFieldValue('regionId', regionId)}
          />
        </td>
        <ActiveCell
          label={t('admin.users.activeOf', { who: team.name })}
          checked={draft.active}
          onChange={(active) => form.setFieldValue('active', active)}
        />
        <SaveCell row={row} except="name" />
      </tr>
      <RowConflict
        colSpan={5}
        row={row}
        fields={[
          { label: t('admin.users.name'), value: (x) => x.name },
          { label: t('admin.users.manager'), value: (x) => managerName(x.managerId) },
          { label: t('admin.users.region'), value: (x) => regionName(x.regionId) },
          { label: t('admin.users.active'), value: (x) => yesNo(t, x.active) },
        ]}
      />
    </>
  )
}

/** One user, edited in place and saved on its own (PATCH with its version). */
export function UserRow({ user, teams, isSelf }: { user: User; teams: Team[]; isSelf: boolean }) {
  const t = useT()
  const row = useRowSave({
    url: `/api/users/${user.id}`,
    listKey: userKeys.root,
    initial: user,
    toDraft: userDraft,
    schema: UserResponse,
    rowOf: (body) => body.user,
    rowSchema: UserOut,
  })
  const { draft, form } = row
  // People without sign-in may have no e-mail (decision 0028): their name labels the row's controls then.
  const who = user.email ?? user.name
  const teamName = (id: number | null) => teams.find((x) => x.id === id)?.name ?? '—'
  return (
    <>
      <tr>
        <NameCell
          id={`user-${user.id}-name`}
          label={t('admin.users.nameOf', { who })}
          value={draft.name}
          error={row.errors['name']}
          onChange={(name) => form.setFieldValue('name', name)}
        />
        <td>
          {user.email}
          {!user.signIn && <span className="badge no-sign-in">{t('admin.users.noSignIn')}</span>}
        </td>
        <td>
          <select
            aria-label={t('admin.users.roleOf', { who })}
            value={draft.role}
            onChange={(e) => form.setFieldValue('role', e.target.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`admin.invite.role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </td>
        <td>
          <OptionalIdSelect
            label={t('admin.users.teamOf', { who })}
            value={draft.teamId}
            options={teams}
            onChange={(teamId) => form.setFieldValue('teamId', teamId)}
          />
        </td>
        <ActiveCell
          label={t('admin.users.activeOf', { who })}
          checked={draft.active}
          onChange={(active) => form.setFieldValue('active', active)}
        />
        <TwoFactorCell user={user} isSelf={isSelf} />
        <SaveCell row={row} except="name" />
        {user.signIn ? <ResetLinkCell user={user} /> : <InviteCell user={user} />}
      </tr>
      <RowConflict
        colSpan={8}
        row={row}
        fields={[
          { label: t('admin.users.name'), value: (x) => x.name },
          { label: t('admin.users.role'), value: (x) => x.role },
          { label: t('admin.users.team'), value: (x) => teamName(x.teamId) },
          { label: t('admin.users.active'), value: (x) => yesNo(t, x.active) },
        ]}
      />
    </>
  )
}

const yesNo = (t: ReturnType<typeof useT>, value: boolean) => t(value ? 'common.yes' : 'common.no')

/** A row's name input with its error tied to it (`id` names the error element). */
export function NameCell(props: {
  id: string
  label: string
  value: string
  error: string | undefined
  onChange: (name: string) => void
}) {
  const { id, label, value, error, onChange } = props
  return (
    <td>
      <input
        aria-label={label}
        value={value}
        // Wide enough for the whole name (imported names like "Summer Sewald" were cut off), within reason.
        size={Math.min(Math.max(value.length + 1, 12), 32)}
        aria-invalid={Boolean(error)}
        {...(error ? { 'aria-describedby': `${id}-error` } : {})}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </td>
  )
}

/** A row's "active" checkbox. */
function ActiveCell(props: { label: string; checked: boolean; onChange: (active: boolean) => void }) {
  const { label, checked, onChange } = props
  return (
    <td>
      <input type="checkbox" aria-label={label} checked={checked} onChange={(e) => onChange(e.target.checked)} />
    </td>
  )
}

/** The save button of a row, its "Saved" note and every error not shown under its own input (`except`). */
export function SaveCell(props: {
  row: { save: () => void; busy: boolean; saved: boolean; errors: Record<string, string> }
  except: string
}) {
  const { row, except } = props
  const t = useT()
  return (
    <td>
      <button type="button" disabled={row.busy} onClick={row.save}>
        {t('admin.save')}
      </button>
      {row.saved && <span role="status"> {t('admin.saved')}</span>}
      {Object.entries(row.errors).map(
        ([k, m]) =>
          k !== except && (
            <span key={k} className="field-error">
              {' '}
              {m}
            </span>
          ),
      )}
    </td>
  )
}

/** Under a row after a 409: theirs beside the draft, field by field, with "keep mine" and "use theirs". */
export function RowConflict<Draft>({
  colSpan,
  row,
  fields,
}: {
  colSpan: number
  // theirs is the whole stored row; it has every field of the draft.
  row: { draft: Draft; theirs: Draft | null | undefined; keepMine: () => void; takeTheirs: () => void }
  fields: { label: string; value: (values: Draft) => string }[]
}) {
  const t = useT()
  const { theirs } = row
  if (theirs === undefined) return null
  return (
    <tr>
      <td colSpan={colSpan}>
        <ConflictPanel
          rows={fields.map((f) => ({
            label: f.label,
            mine: f.value(row.draft),
            theirs: theirs === null ? t('admin.conflict.deleted') : f.value(theirs),
          }))}
          onKeepMine={row.keepMine}
          onUseTheirs={row.takeTheirs}
        />
      </td>
    </tr>
  )
}

/** A select of named records with an empty choice ("—") for none: a team's manager, a user's team. */
export function OptionalIdSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string
  value: number | null
  options: readonly { id: number; name: string }[]
  onChange: (id: number | null) => void
}) {
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
    >
      <option value="">—</option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </select>
  )
}

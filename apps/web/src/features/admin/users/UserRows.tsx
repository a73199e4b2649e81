import { useState } from 'react'
import { useT } from '../../../i18n/i18n.tsx'
import { getJson } from '../../../lib/http.ts'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { useRowSave } from './use-row-save.ts'
import { teamKeys, userKeys } from './users.queries.ts'
import { ROLES, TeamListSchema, TeamResponseSchema, UserListSchema, UserResponseSchema } from './users.schema.ts'
import type { Team, User } from './users.schema.ts'

/** One team, edited in place and saved on its own (PATCH with its version). */
export function TeamRow({ team, managers }: { team: Team; managers: User[] }) {
  const t = useT()
  const [draft, setDraft] = useState({ name: team.name, managerId: team.managerId, active: team.active })
  const [version, setVersion] = useState(team.version)
  const row = useRowSave({
    url: `/api/teams/${team.id}`,
    listKey: teamKeys.root,
    fetchList: async () => (await getJson('/api/teams', TeamListSchema)).teams,
    schema: TeamResponseSchema,
    id: team.id,
  })
  const managerName = (id: number | null) => managers.find((m) => m.id === id)?.name ?? '—'
  return (
    <>
      <tr>
        <td>
          <input
            aria-label={t('admin.users.teamName', { team: team.name })}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
          {row.errors['name'] && <p className="field-error">{row.errors['name']}</p>}
        </td>
        <td>
          <OptionalIdSelect
            label={t('admin.users.managerOf', { team: team.name })}
            value={draft.managerId}
            options={managers}
            onChange={(managerId) => setDraft({ ...draft, managerId })}
          />
        </td>
        <td>
          <input
            type="checkbox"
            aria-label={t('admin.users.activeOf', { who: team.name })}
            checked={draft.active}
            onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
          />
        </td>
        <td>
          <button type="button" disabled={row.busy} onClick={() => void row.save(draft, version)}>
            {t('admin.save')}
          </button>
          {row.saved && <span role="status"> {t('admin.saved')}</span>}
          {row.errors['form'] && <span className="field-error"> {row.errors['form']}</span>}
        </td>
      </tr>
      {row.theirs !== undefined && (
        <tr>
          <td colSpan={4}>
            <ConflictPanel
              rows={[
                { label: t('admin.users.name'), mine: draft.name, theirs: row.theirs?.name ?? '' },
                {
                  label: t('admin.users.manager'),
                  mine: managerName(draft.managerId),
                  theirs: managerName(row.theirs?.managerId ?? null),
                },
                {
                  label: t('admin.users.active'),
                  mine: String(draft.active),
                  theirs: String(row.theirs?.active ?? ''),
                },
              ]}
              onKeepMine={() => {
                if (row.theirs)
                  void row.save(draft, row.theirs.version).then((ok) => ok && setVersion(row.theirs!.version + 1))
              }}
              onUseTheirs={() => {
                if (row.theirs) {
                  setDraft({ name: row.theirs.name, managerId: row.theirs.managerId, active: row.theirs.active })
                  setVersion(row.theirs.version)
                }
                row.clearConflict()
              }}
            />
          </td>
        </tr>
      )}
    </>
  )
}

/** One user, edited in place and saved on its own (PATCH with its version). */
export function UserRow({ user, teams }: { user: User; teams: Team[] }) {
  const t = useT()
  const [draft, setDraft] = useState({ name: user.name, role: user.role, teamId: user.teamId, active: user.active })
  const [version, setVersion] = useState(user.version)
  const row = useRowSave({
    url: `/api/users/${user.id}`,
    listKey: userKeys.root,
    fetchList: async () => (await getJson('/api/users', UserListSchema)).users,
    schema: UserResponseSchema,
    id: user.id,
  })
  const teamName = (id: number | null) => teams.find((x) => x.id === id)?.name ?? '—'
  return (
    <>
      <tr>
        <td>
          <input
            aria-label={t('admin.users.nameOf', { who: user.email })}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
          {row.errors['name'] && <p className="field-error">{row.errors['name']}</p>}
        </td>
        <td>{user.email}</td>
        <td>
          <select
            aria-label={t('admin.users.roleOf', { who: user.email })}
            value={draft.role}
            onChange={(e) => setDraft({ ...draft, role: e.target.value })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </td>
        <td>
          <OptionalIdSelect
            label={t('admin.users.teamOf', { who: user.email })}
            value={draft.teamId}
            options={teams}
            onChange={(teamId) => setDraft({ ...draft, teamId })}
          />
        </td>
        <td>
          <input
            type="checkbox"
            aria-label={t('admin.users.activeOf', { who: user.email })}
            checked={draft.active}
            onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
          />
        </td>
        <td>
          <button type="button" disabled={row.busy} onClick={() => void row.save(draft, version)}>
            {t('admin.save')}
          </button>
          {row.saved && <span role="status"> {t('admin.saved')}</span>}
          {Object.entries(row.errors).map(
            ([k, m]) =>
              k !== 'name' && (
                <span key={k} className="field-error">
                  {' '}
                  {m}
                </span>
              ),
          )}
        </td>
      </tr>
      {row.theirs !== undefined && (
        <tr>
          <td colSpan={6}>
            <ConflictPanel
              rows={[
                { label: t('admin.users.name'), mine: draft.name, theirs: row.theirs?.name ?? '' },
                { label: t('admin.users.role'), mine: draft.role, theirs: row.theirs?.role ?? '' },
                {
                  label: t('admin.users.team'),
                  mine: teamName(draft.teamId),
                  theirs: teamName(row.theirs?.teamId ?? null),
                },
                {
                  label: t('admin.users.active'),
                  mine: String(draft.active),
                  theirs: String(row.theirs?.active ?? ''),
                },
              ]}
              onKeepMine={() => {
                if (row.theirs)
                  void row.save(draft, row.theirs.version).then((ok) => ok && setVersion(row.theirs!.version + 1))
              }}
              onUseTheirs={() => {
                if (row.theirs) {
                  const x = row.theirs
                  setDraft({ name: x.name, role: x.role, teamId: x.teamId, active: x.active })
                  setVersion(x.version)
                }
                row.clearConflict()
              }}
            />
          </td>
        </tr>
      )}
    </>
  )
}

/** A select of named records with an empty choice ("—") for none: a team's manager, a user's team. */
function OptionalIdSelect({
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

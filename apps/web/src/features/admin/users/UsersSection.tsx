import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { FormEvent } from 'react'
import { useT } from '../../../i18n/i18n.tsx'
import { ApiError, getJson, sendJson } from '../../../lib/http.ts'
import { ConflictPanel } from '../ConflictPanel.tsx'
import { fieldName } from '../versioned-http.ts'
import { useRowSave } from './use-row-save.ts'
import { teamKeys, teamsQuery, userKeys, usersQuery } from './users.queries.ts'
import { ROLES, TeamListSchema, TeamResponseSchema, UserListSchema, UserResponseSchema } from './users.schema.ts'
import type { Team, User } from './users.schema.ts'

/** Teams (name, manager, active) and users (name, role, team, active), each row saved on its own; add forms. */
export function UsersSection() {
  const t = useT()
  const users = useQuery(usersQuery())
  const teams = useQuery(teamsQuery())
  if (users.isPending || teams.isPending) return <p>{t('common.loading')}</p>
  if (users.isError || teams.isError) return <p role="alert">{t('common.error', { message: 'users/teams' })}</p>
  const managers = users.data.users.filter((u) => u.role !== 'rep')
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('admin.tab.users')}</h2>
      <h3>{t('admin.users.teams')}</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.name')}</th>
            <th scope="col">{t('admin.users.manager')}</th>
            <th scope="col">{t('admin.users.active')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {teams.data.teams.map((team) => (
            <TeamRow key={team.id} team={team} managers={managers} />
          ))}
        </tbody>
      </table>
      <AddTeam />
      <h3>{t('admin.users.users')}</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.name')}</th>
            <th scope="col">{t('admin.users.email')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            <th scope="col">{t('admin.users.team')}</th>
            <th scope="col">{t('admin.users.active')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {users.data.users.map((user) => (
            <UserRow key={user.id} user={user} teams={teams.data.teams} />
          ))}
        </tbody>
      </table>
      <AddUser teams={teams.data.teams} />
    </section>
  )
}

function TeamRow({ team, managers }: { team: Team; managers: User[] }) {
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
          <select
            aria-label={t('admin.users.managerOf', { team: team.name })}
            value={draft.managerId ?? ''}
            onChange={(e) => setDraft({ ...draft, managerId: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">—</option>
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
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

function UserRow({ user, teams }: { user: User; teams: Team[] }) {
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
          <select
            aria-label={t('admin.users.teamOf', { who: user.email })}
            value={draft.teamId ?? ''}
            onChange={(e) => setDraft({ ...draft, teamId: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">—</option>
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
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

/** Posts a create form; a 4xx puts its message under the input its `field` names. */
function useCreate(url: string, listKey: readonly unknown[]) {
  const client = useQueryClient()
  const [errors, setErrors] = useState<Record<string, string>>({})
  async function create(body: Record<string, unknown>): Promise<boolean> {
    setErrors({})
    try {
      await sendJson('POST', url, body)
      await client.invalidateQueries({ queryKey: listKey })
      return true
    } catch (e) {
      const name = e instanceof ApiError ? fieldName(e.field) : undefined
      setErrors({ [name ?? 'form']: (e as Error).message })
      return false
    }
  }
  return { create, errors }
}

function AddTeam() {
  const t = useT()
  const [name, setName] = useState('')
  const { create, errors } = useCreate('/api/teams', teamKeys.root)
  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    if (await create({ name })) setName('')
  }
  return (
    <form className="admin-form field inline" onSubmit={(e) => void onSubmit(e)}>
      <label htmlFor="new-team-name">{t('admin.users.newTeam')}</label>
      <input
        id="new-team-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={Boolean(errors['name'])}
      />
      <button type="submit">{t('admin.users.add')}</button>
      {(errors['name'] ?? errors['form']) && <p className="field-error">{errors['name'] ?? errors['form']}</p>}
    </form>
  )
}

function AddUser({ teams }: { teams: Team[] }) {
  const t = useT()
  const empty = { email: '', name: '', role: 'rep', teamId: '', password: '' }
  const [draft, setDraft] = useState(empty)
  const { create, errors } = useCreate('/api/users', userKeys.root)
  async function onSubmit(e: FormEvent) {
    e.preventDefault()
    const body = { ...draft, teamId: draft.teamId === '' ? null : Number(draft.teamId) }
    if (await create(body)) setDraft(empty)
  }
  const field = (name: 'email' | 'name' | 'password', type = 'text') => (
    <div className="field">
      <label htmlFor={`new-user-${name}`}>{t(`admin.users.${name}`)}</label>
      <input
        id={`new-user-${name}`}
        type={type}
        value={draft[name]}
        aria-invalid={Boolean(errors[name])}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
      {errors[name] && <p className="field-error">{errors[name]}</p>}
    </div>
  )
  return (
    <form className="admin-form" onSubmit={(e) => void onSubmit(e)} aria-label={t('admin.users.newUser')}>
      <h4>{t('admin.users.newUser')}</h4>
      {field('name')}
      {field('email', 'email')}
      {field('password', 'password')}
      <div className="field">
        <label htmlFor="new-user-role">{t('admin.users.role')}</label>
        <select id="new-user-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="new-user-team">{t('admin.users.team')}</label>
        <select
          id="new-user-team"
          value={draft.teamId}
          onChange={(e) => setDraft({ ...draft, teamId: e.target.value })}
        >
          <option value="">—</option>
          {teams.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </div>
      {errors['form'] && <p className="field-error">{errors['form']}</p>}
      <button type="submit">{t('admin.users.add')}</button>
    </form>
  )
}

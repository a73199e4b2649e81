import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { FormEvent } from 'react'
import { useT } from '../../../i18n/i18n.tsx'
import { ApiError, sendJson } from '../../../lib/http.ts'
import { fieldName } from '../versioned-http.ts'
import { teamKeys, userKeys } from './users.queries.ts'
import type { TeamOut as Team } from '@kpi/contract/teams'
import { ROLES } from '@kpi/contract/users'

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

export function AddTeam() {
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
        {...(errors['name'] ? { 'aria-describedby': 'new-team-name-error' } : {})}
      />
      <button type="submit">{t('admin.users.add')}</button>
      {(errors['name'] ?? errors['form']) && (
        <p className="field-error" id="new-team-name-error">
          {errors['name'] ?? errors['form']}
        </p>
      )}
    </form>
  )
}

export function AddUser({ teams }: { teams: Team[] }) {
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
        {...(errors[name] ? { 'aria-describedby': `new-user-${name}-error` } : {})}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
      {errors[name] && (
        <p className="field-error" id={`new-user-${name}-error`}>
          {errors[name]}
        </p>
      )}
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

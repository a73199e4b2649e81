import { useForm, useStore } from '@tanstack/react-form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useT } from '../../../i18n/i18n.tsx'
import type { MessageKey } from '../../../i18n/messages.ts'
import { apiFieldErrors, useFieldWords } from '../../../lib/field-errors.ts'
import { sendJson } from '../../../lib/http.ts'
import { describedBy, FieldError } from '../FieldError.tsx'
import { teamKeys, userKeys } from './users.queries.ts'
import type { TeamOut as Team } from '@kpi/contract/teams'
import { ROLES } from '@kpi/contract/users'

/**
 * A create form: TanStack Form holds the values, a mutation POSTs them and invalidates the list's root key; after
 * a success the form is emptied, after a 4xx its message goes under the input its `field` names (`errors`).
 */
export function useCreateForm<Values extends object>(options: {
  url: string
  listKey: readonly unknown[]
  /** Other lists that show what was created (the Show picker's /api/me for a region). */
  alsoInvalidates?: (readonly unknown[])[]
  empty: Values
  toBody: (values: Values) => unknown
}) {
  const client = useQueryClient()
  const mutation = useMutation({
    mutationFn: (body: unknown) => sendJson('POST', options.url, body),
    onSuccess: () =>
      Promise.all(
        [options.listKey, ...(options.alsoInvalidates ?? [])].map((queryKey) => client.invalidateQueries({ queryKey })),
      ),
  })
  const form = useForm({
    defaultValues: options.empty,
    onSubmit: async ({ value, formApi }) => {
      // A refusal is shown from mutation.error; only a success empties the form.
      const created = await mutation.mutateAsync(options.toBody(value)).then(
        () => true,
        () => false,
      )
      if (created) formApi.reset()
    },
  })
  const words = useFieldWords()
  return { form, errors: apiFieldErrors(mutation.error, words) }
}

export const submitted = (form: { handleSubmit: () => Promise<void> }) => (e: { preventDefault: () => void }) => {
  e.preventDefault()
  void form.handleSubmit()
}

export function AddTeam() {
  const t = useT()
  const { form, errors } = useCreateForm({
    url: '/api/teams',
    listKey: teamKeys.root,
    empty: { name: '' },
    toBody: (values) => values,
  })
  const message = errors['name'] ?? errors['form']
  return (
    <form className="admin-form field inline" onSubmit={submitted(form)}>
      <label htmlFor="new-team-name">{t('admin.users.newTeam')}</label>
      <form.Field name="name">
        {(field) => (
          <input
            id="new-team-name"
            value={field.state.value}
            onChange={(e) => field.handleChange(e.target.value)}
            {...describedBy('new-team-name-error', errors['name'])}
          />
        )}
      </form.Field>
      <button type="submit">{t('admin.users.add')}</button>
      <FieldError id="new-team-name-error" message={message} />
    </form>
  )
}

const EMPTY_USER = { email: '', name: '', role: 'rep', teamId: '', password: '' }

export function AddUser({ teams }: { teams: Team[] }) {
  const t = useT()
  const { form, errors } = useCreateForm({
    url: '/api/users',
    listKey: userKeys.root,
    empty: EMPTY_USER,
    toBody: (values) => ({ ...values, teamId: values.teamId === '' ? null : Number(values.teamId) }),
  })
  const draft = useStore(form.store, (state) => state.values)
  const field = (name: 'email' | 'name' | 'password', type = 'text') => (
    <div className="field">
      <label htmlFor={`new-user-${name}`}>{t(`admin.users.${name}`)}</label>
      <input
        id={`new-user-${name}`}
        type={type}
        value={draft[name]}
        {...describedBy(`new-user-${name}-error`, errors[name])}
        onChange={(e) => form.setFieldValue(name, e.target.value)}
      />
      <FieldError id={`new-user-${name}-error`} message={errors[name]} />
    </div>
  )
  return (
    <form className="admin-form" onSubmit={submitted(form)} aria-label={t('admin.users.newUser')}>
      <h4>{t('admin.users.newUser')}</h4>
      {field('name')}
      {field('email', 'email')}
      {field('password', 'password')}
      <div className="field">
        <label htmlFor="new-user-role">{t('admin.users.role')}</label>
        <select id="new-user-role" value={draft.role} onChange={(e) => form.setFieldValue('role', e.target.value)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`admin.invite.role.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="new-user-team">{t('admin.users.team')}</label>
        <select id="new-user-team" value={draft.teamId} onChange={(e) => form.setFieldValue('teamId', e.target.value)}>
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

import { useForm, useStore } from '@tanstack/react-form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import type { MessageKey } from '../../../i18n/messages.ts'
import { apiFieldErrors, useFieldWords } from '../../../lib/field-errors.ts'
import { describedBy, FieldError } from '../FieldError.tsx'
import { InvitationLink } from './InvitationLink.tsx'
import { invitationKeys, sendInvitation } from './invitations.queries.ts'
import type { Role } from '@kpi/contract/users'
import type { Locale } from '../../../i18n/format.ts'

type Team = { id: number; name: string }

/**
 * Invites a person by e-mail: admins any role and team, managers reps to the teams they manage (`roles`, `teams`
 * and `teamRequired` say which; the API checks the same). Without mail the answer's link is shown to copy.
 */
export function InviteForm({
  roles,
  teams,
  teamRequired,
}: {
  roles: readonly Role[]
  teams: Team[]
  teamRequired: boolean
}) {
  const t = useT()
  const { locale } = useLocale()
  const client = useQueryClient()
  const mutation = useMutation({
    mutationFn: sendInvitation,
    onSuccess: () => client.invalidateQueries({ queryKey: invitationKeys.root }),
  })
  const empty = {
    email: '',
    name: '',
    role: roles[roles.length - 1] ?? 'rep',
    teamId: teamRequired ? String(teams[0]?.id ?? '') : '',
    // The inviter's screen language is the best first guess (a Dutch admin mostly invites Dutch colleagues).
    locale,
  }
  const form = useForm({
    defaultValues: empty,
    onSubmit: async ({ value, formApi }) => {
      const body = {
        email: value.email,
        name: value.name,
        role: value.role,
        teamId: value.teamId === '' ? null : Number(value.teamId),
        locale: value.locale,
      }
      const sent = await mutation.mutateAsync(body).then(
        () => true,
        () => false,
      )
      if (sent) formApi.reset()
    },
  })
  const draft = useStore(form.store, (state) => state.values)
  const words = useFieldWords()
  const errors = apiFieldErrors(mutation.error, words)
  const text = (name: 'email' | 'name', type: string) => (
    <div className="field">
      <label htmlFor={`invite-${name}`}>{t(`admin.users.${name}`)}</label>
      <input
        id={`invite-${name}`}
        type={type}
        required
        value={draft[name]}
        {...describedBy(`invite-${name}-error`, errors[name])}
        onChange={(e) => form.setFieldValue(name, e.target.value)}
      />
      <FieldError id={`invite-${name}-error`} message={errors[name]} />
    </div>
  )
  const answer = mutation.data
  return (
    <form
      className="admin-form"
      aria-label={t('admin.invite.title')}
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <h4>{t('admin.invite.title')}</h4>
      {text('name', 'text')}
      {text('email', 'email')}
      <div className="field">
        <label htmlFor="invite-role">{t('admin.users.role')}</label>
        <select
          id="invite-role"
          value={draft.role}
          onChange={(e) => form.setFieldValue('role', e.target.value as Role)}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`admin.invite.role.${role}` as MessageKey)}
            </option>
          ))}
        </select>
        <FieldError id="invite-role-error" message={errors['role']} />
      </div>
      <div className="field">
        <label htmlFor="invite-team">{t('admin.users.team')}</label>
        <select
          id="invite-team"
          value={draft.teamId}
          {...describedBy('invite-team-error', errors['teamId'])}
          onChange={(e) => form.setFieldValue('teamId', e.target.value)}
        >
          {!teamRequired && <option value="">—</option>}
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        <FieldError id="invite-team-error" message={errors['teamId']} />
      </div>
      <div className="field">
        <label htmlFor="invite-locale">{t('admin.invite.language')}</label>
        <select
          id="invite-locale"
          value={draft.locale}
          onChange={(e) => form.setFieldValue('locale', e.target.value as Locale)}
        >
          <option value="en">English</option>
          <option value="nl">Nederlands</option>
        </select>
      </div>
      {errors['form'] && <p className="field-error">{errors['form']}</p>}
      <button type="submit" disabled={mutation.isPending}>
        {t('admin.invite.send')}
      </button>
      {answer && !answer.link && <p role="status">{t('admin.invite.sent', { email: answer.invitation.email })}</p>}
      {answer?.link && <InvitationLink email={answer.invitation.email} link={answer.link} />}
    </form>
  )
}

import { useForm, useStore } from '@tanstack/react-form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { AuthCard } from '../../components/auth-card/AuthCard.tsx'
import { NewPasswordFields, useNewPasswordCheck } from '../../components/auth-card/NewPasswordFields.tsx'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { apiFieldErrors, useFieldWords } from '../../lib/field-errors.ts'
import { readCsrfToken, sendJson } from '../../lib/http.ts'
import { meKeys } from '../../lib/session/auth.queries.ts'
import { LoginResponse } from '@kpi/contract/auth'
import { InvitationPreview } from '@kpi/contract/invitations'

const route = getRouteApi('/invite/$token')

/** Public POSTs need the CSRF cookie, which GET /api/me hands out even without a session. */
async function post<T>(url: string, body: unknown, schema: { parse: (value: unknown) => T }): Promise<T> {
  if (readCsrfToken() === undefined) await fetch('/api/me', { credentials: 'same-origin' })
  return schema.parse(await sendJson('POST', url, body))
}

/**
 * /invite/<token>, opened from the invitation e-mail without a session: who invited whom as what, then name and
 * password (twice). Accepting signs the person in and opens the dashboard. An unusable link shows the API's
 * message (expired, withdrawn, already used) and no form.
 */
export default function AcceptInvitationPage() {
  const t = useT()
  const { locale } = useLocale()
  const { token } = route.useParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  // The token goes in a POST body, never in a GET URL (access logs); a preview changes nothing, so it is a query.
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => post('/api/invitations/preview', { token }, InvitationPreview),
    retry: false,
    staleTime: Infinity,
  })
  const accept = useMutation({
    mutationFn: (values: { name: string; password: string }) =>
      // The language the person reads this page in beats the inviter's guess for their e-mails.
      post('/api/invitations/accept', { token, ...values, locale }, LoginResponse),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKeys.root[0] })
      await queryClient.invalidateQueries({ queryKey: meKeys.root })
      await navigate({ to: '/' })
    },
  })
  const form = useForm({
    defaultValues: { name: preview.data?.name ?? '', password: '', confirm: '' },
    onSubmit: ({ value }) => {
      if (!passwords.check(value)) return
      return accept.mutateAsync({ name: value.name, password: value.password }).then(
        () => undefined,
        () => undefined,
      )
    },
  })
  const values = useStore(form.store, (state) => state.values)
  const passwords = useNewPasswordCheck()
  const words = useFieldWords()

  if (preview.isPending) return <p>{t('common.loading')}</p>
  if (preview.isError)
    return (
      <AuthCard title={t('invite.invalidTitle')}>
        <p role="alert">{preview.error.message}</p>
        <a href="/">{t('invite.toLogin')}</a>
      </AuthCard>
    )
  const invitation = preview.data
  const errors = apiFieldErrors(accept.error, words)
  const vars = {
    inviter: invitation.invitedBy?.name ?? t('invite.someone'),
    organization: invitation.organization.name,
    role: t(`invite.role.${invitation.role}` as MessageKey),
    team: invitation.team?.name ?? '',
  }
  return (
    <AuthCard
      title={t('invite.title', { organization: invitation.organization.name })}
      noValidate
      onSubmit={() => void form.handleSubmit()}
    >
      <p>{t(invitation.team ? 'invite.invitedTeam' : 'invite.invited', vars)}</p>
      <p>
        {t('invite.email')}: <strong>{invitation.email}</strong>
      </p>
      <form.Field name="name" defaultValue={invitation.name}>
        {(field) => (
          <label>
            {t('invite.name')}
            <input
              name="name"
              autoComplete="name"
              required
              value={field.state.value}
              onChange={(e) => field.handleChange(e.target.value)}
            />
          </label>
        )}
      </form.Field>
      <NewPasswordFields
        idPrefix="invite"
        labels={{ password: t('invite.password'), confirm: t('invite.confirm') }}
        values={values}
        errors={{ ...passwords.errors, ...(errors['password'] ? { password: errors['password'] } : {}) }}
        onChange={(name, value) => form.setFieldValue(name, value)}
      />
      {(errors['token'] ?? errors['name'] ?? errors['form']) && (
        <p className="auth-error" role="alert">
          {errors['token'] ?? errors['name'] ?? errors['form']}
        </p>
      )}
      <button type="submit" disabled={accept.isPending}>
        {t('invite.submit')}
      </button>
    </AuthCard>
  )
}

import { useForm, useStore } from '@tanstack/react-form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { AuthCard } from '../../components/auth-card/AuthCard.tsx'
import { NewPasswordFields, useNewPasswordCheck } from '../../components/auth-card/NewPasswordFields.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { ApiError } from '../../lib/http.ts'
import { meKeys } from '../../lib/session/auth.queries.ts'
import { confirmPasswordReset } from './password-reset.queries.ts'

/** Public (/reset-password/$token), opened from the e-mail: a new password, then signed in on the dashboard. */
export default function ResetPasswordPage() {
  const t = useT()
  const { token } = useParams({ from: '/reset-password/$token' })
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const passwords = useNewPasswordCheck()
  const confirm = useMutation({
    mutationFn: (password: string) => confirmPasswordReset({ token, password }),
    onSuccess: async () => {
      // A new session (maybe another person's than before): nothing cached may survive.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKeys.root[0] })
      await queryClient.invalidateQueries({ queryKey: meKeys.root })
      await navigate({ to: '/' })
    },
  })
  const form = useForm({
    defaultValues: { password: '', confirm: '' },
    onSubmit: ({ value }) => {
      if (!passwords.check(value)) return
      return confirm.mutateAsync(value.password).then(
        () => undefined,
        () => undefined,
      )
    },
  })
  const values = useStore(form.store, (state) => state.values)
  const error = confirm.error
  // The API names body.token for a link that cannot be used (expired, used, replaced): no retry helps, a new link does.
  const badLink = error instanceof ApiError && error.field === 'body.token'

  return (
    <AuthCard title={t('reset.confirm.title')} noValidate onSubmit={() => void form.handleSubmit()}>
      <p>{t('reset.confirm.intro')}</p>
      <NewPasswordFields
        idPrefix="reset"
        labels={{ password: t('reset.confirm.password'), confirm: t('reset.confirm.repeat') }}
        values={values}
        errors={passwords.errors}
        onChange={(name, value) => form.setFieldValue(name, value)}
      />
      {error && (
        <p className="auth-error" role="alert">
          {badLink
            ? t('reset.confirm.invalid', { reason: error.message })
            : t('common.error', { message: error.message })}
        </p>
      )}
      {badLink ? (
        <Link to="/forgot-password">{t('reset.confirm.askAgain')}</Link>
      ) : (
        <button type="submit" disabled={confirm.isPending}>
          {confirm.isPending ? t('common.loading') : t('reset.confirm.submit')}
        </button>
      )}
    </AuthCard>
  )
}

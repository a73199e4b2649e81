import { useForm } from '@tanstack/react-form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from '@tanstack/react-router'
import { useT } from '../../i18n/i18n.tsx'
import { ApiError } from '../../lib/http.ts'
import { meKeys } from '../../lib/session/auth.queries.ts'
import { confirmPasswordReset } from './password-reset.queries.ts'
import './login.css'

const MIN_LENGTH = 8

/** Public (/reset-password/$token), opened from the e-mail: a new password, then signed in on the dashboard. */
export default function ResetPasswordPage() {
  const t = useT()
  const { token } = useParams({ from: '/reset-password/$token' })
  const queryClient = useQueryClient()
  const navigate = useNavigate()
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
    defaultValues: { password: '', repeat: '' },
    onSubmit: ({ value }) => confirm.mutateAsync(value.password).catch(() => undefined),
  })
  const error = confirm.error
  // The API names body.token for a link that cannot be used (expired, used, replaced): no retry helps, a new link does.
  const badLink = error instanceof ApiError && error.field === 'body.token'

  return (
    <div className="login">
      <form
        className="login-card"
        aria-labelledby="reset-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void form.handleSubmit()
        }}
      >
        <h1 id="reset-title">{t('reset.confirm.title')}</h1>
        <p>{t('reset.confirm.intro')}</p>
        <form.Field
          name="password"
          validators={{
            onSubmit: ({ value }) => (value.length < MIN_LENGTH ? t('reset.confirm.tooShort') : undefined),
          }}
        >
          {(field) => (
            <>
              <label>
                {t('reset.confirm.password')}
                <input
                  type="password"
                  name="new-password"
                  autoComplete="new-password"
                  aria-invalid={field.state.meta.errors.length > 0}
                  value={field.state.value}
                  onChange={(e) => field.handleChange(e.target.value)}
                />
              </label>
              {field.state.meta.errors.length > 0 && <span className="login-error">{field.state.meta.errors[0]}</span>}
            </>
          )}
        </form.Field>
        <form.Field
          name="repeat"
          validators={{
            onSubmit: ({ value, fieldApi }) =>
              value !== fieldApi.form.getFieldValue('password') ? t('reset.confirm.mismatch') : undefined,
          }}
        >
          {(field) => (
            <>
              <label>
                {t('reset.confirm.repeat')}
                <input
                  type="password"
                  name="repeat-password"
                  autoComplete="new-password"
                  aria-invalid={field.state.meta.errors.length > 0}
                  value={field.state.value}
                  onChange={(e) => field.handleChange(e.target.value)}
                />
              </label>
              {field.state.meta.errors.length > 0 && <span className="login-error">{field.state.meta.errors[0]}</span>}
            </>
          )}
        </form.Field>
        {error && (
          <p className="login-error" role="alert">
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
      </form>
    </div>
  )
}

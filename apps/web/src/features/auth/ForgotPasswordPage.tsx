import { useForm } from '@tanstack/react-form'
import { useMutation } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useT } from '../../i18n/i18n.tsx'
import { ApiError } from '../../lib/http.ts'
import { AuthCard } from '../../components/auth-card/AuthCard.tsx'
import { requestPasswordReset } from './password-reset.queries.ts'

/** Public (/forgot-password): asks for a reset link. The answer is the same whether the address has an account. */
export default function ForgotPasswordPage() {
  const t = useT()
  const request = useMutation({ mutationFn: requestPasswordReset })
  const form = useForm({
    defaultValues: { email: '' },
    onSubmit: ({ value }) => request.mutateAsync(value.email).catch(() => undefined),
  })
  const error = request.error
  return (
    <AuthCard title={t('reset.request.title')} onSubmit={() => void form.handleSubmit()}>
      {request.isSuccess ? (
        <p className="notice" role="status">
          {t('reset.request.sent')}
        </p>
      ) : (
        <>
          <p>{t('reset.request.intro')}</p>
          <form.Field name="email">
            {(field) => (
              <label>
                {t('login.email')}
                <input
                  type="email"
                  name="email"
                  autoComplete="username"
                  required
                  value={field.state.value}
                  onChange={(e) => field.handleChange(e.target.value)}
                />
              </label>
            )}
          </form.Field>
          {error && (
            <p className="auth-error" role="alert">
              {error instanceof ApiError && error.status === 429
                ? t('reset.request.tooMany', { wait: `${Math.ceil((error.retryAfterSeconds ?? 60) / 60)} min` })
                : t('common.error', { message: error.message })}
            </p>
          )}
          <button type="submit" disabled={request.isPending}>
            {request.isPending ? t('common.loading') : t('reset.request.submit')}
          </button>
        </>
      )}
      <Link to="/">{t('reset.backToLogin')}</Link>
    </AuthCard>
  )
}

import { useForm } from '@tanstack/react-form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import { ApiError } from '../../lib/http.ts'
import { isTotpRequired, login, meKeys, organizationsToChoose } from '../../lib/session/auth.queries.ts'
import { AuthCard } from '../../components/auth-card/AuthCard.tsx'
import { SingleSignOnLink, useSsoErrorText } from './SingleSignOn.tsx'
import './login.css'

type Organization = { id: number; name: string }

/**
 * Shown in place of any page while there is no session. The URL is left alone, so after signing in the person is
 * back on the page they asked for (or were on when the session expired).
 */
export function LoginPage({ expired = false }: { expired?: boolean }) {
  const t = useT()
  const queryClient = useQueryClient()
  // Set when the email and password open accounts in several organisations: the person picks one.
  const [organizations, setOrganizations] = useState<Organization[] | null>(null)
  // Set once the password was right and the account has two-factor codes: the form asks for the code.
  const [codeStep, setCodeStep] = useState<'app' | 'recovery' | null>(null)
  const signIn = useMutation({
    mutationFn: (values: { email: string; password: string; organizationId: number | undefined; code: string }) =>
      login(
        values.email,
        values.password,
        organizations ? values.organizationId : undefined,
        codeStep ? values.code : undefined,
      ),
    onSuccess: async () => {
      // Everything cached belonged to the previous session (or none): start clean, then load the user.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKeys.root[0] })
      await queryClient.invalidateQueries({ queryKey: meKeys.root })
    },
    onError: (caught) => {
      if (isTotpRequired(caught)) setCodeStep('app')
      const choices = organizationsToChoose(caught)
      if (!choices) return
      setOrganizations(choices)
      form.setFieldValue('organizationId', choices[0]?.id)
    },
  })
  const form = useForm({
    defaultValues: { email: '', password: '', organizationId: undefined as number | undefined, code: '' },
    // A refusal is shown from signIn.error; the promise must not reject out of the submit handler.
    onSubmit: ({ value }) => signIn.mutateAsync(value).catch(() => undefined),
  })
  const ssoError = useSsoErrorText()
  // A password attempt after a failed single sign-on speaks for itself.
  const error = signIn.error === null ? ssoError : errorText(signIn.error, t)

  return (
    <AuthCard title={t('login.title')} onSubmit={() => void form.handleSubmit()}>
      {expired && (
        <p className="notice" role="status">
          {t('login.expired')}
        </p>
      )}
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
              onChange={(e) => {
                field.handleChange(e.target.value)
                // Another email may open other organisations (or one), with or without codes: ask again.
                setOrganizations(null)
                setCodeStep(null)
              }}
            />
          </label>
        )}
      </form.Field>
      <form.Field name="password">
        {(field) => (
          <label>
            {t('login.password')}
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={field.state.value}
              onChange={(e) => field.handleChange(e.target.value)}
            />
          </label>
        )}
      </form.Field>
      {organizations && (
        <form.Field name="organizationId">
          {(field) => (
            <label>
              {t('login.organization')}
              <select value={field.state.value} onChange={(e) => field.handleChange(Number(e.target.value))}>
                {organizations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </form.Field>
      )}
      {codeStep && (
        <form.Field name="code">
          {(field) => (
            <>
              <label>
                {codeStep === 'app' ? t('login.code') : t('login.recoveryCode')}
                {/* autoFocus: the step appears after a submit; the person's next act is typing the code. */}
                <input
                  key={codeStep}
                  name="code"
                  autoFocus
                  required
                  autoComplete={codeStep === 'app' ? 'one-time-code' : 'off'}
                  inputMode={codeStep === 'app' ? 'numeric' : 'text'}
                  pattern={codeStep === 'app' ? '[0-9 ]{6,7}' : undefined}
                  maxLength={codeStep === 'app' ? 7 : 32}
                  value={field.state.value}
                  onChange={(e) => field.handleChange(e.target.value)}
                />
              </label>
              <p className="login-hint">{codeStep === 'app' ? t('login.codeHint') : t('login.recoveryHint')}</p>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  field.handleChange('')
                  setCodeStep(codeStep === 'app' ? 'recovery' : 'app')
                }}
              >
                {codeStep === 'app' ? t('login.useRecoveryCode') : t('login.useAppCode')}
              </button>
            </>
          )}
        </form.Field>
      )}
      {error && (
        <p className="auth-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={signIn.isPending}>
        {signIn.isPending ? t('common.loading') : t('login.submit')}
      </button>
      <Link to="/forgot-password">{t('login.forgot')}</Link>
      <SingleSignOnLink />
    </AuthCard>
  )
}

/** What a refused sign-in says: pick an organisation, wrong credentials, wait (429), or the error itself. */
function errorText(caught: Error, t: ReturnType<typeof useT>): string | null {
  if (organizationsToChoose(caught)) return t('login.chooseOrganization')
  if (isTotpRequired(caught)) return null
  if (caught instanceof ApiError && caught.field === 'body.code') return t('login.codeFailed')
  const status = caught instanceof ApiError ? caught.status : 0
  if (status === 401 || status === 400) return t('login.failed')
  if (status === 429)
    return t('login.tooMany', { wait: waitText(caught instanceof ApiError ? caught.retryAfterSeconds : undefined) })
  return t('common.error', { message: caught.message })
}

/** "2 min" or "45 s" from a Retry-After; a minute when the server named none. */
function waitText(seconds: number | undefined): string {
  if (seconds === undefined) return '1 min'
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`
}

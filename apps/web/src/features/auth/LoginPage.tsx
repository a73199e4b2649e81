import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { FormEvent } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import { ApiError } from '../../lib/http.ts'
import { login, meKeys } from './auth.queries.ts'
import './login.css'

/**
 * Shown in place of any page while there is no session. The URL is left alone, so after signing in the person is
 * back on the page they asked for (or were on when the session expired).
 */
export function LoginPage({ expired = false }: { expired?: boolean }) {
  const t = useT()
  const queryClient = useQueryClient()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await login(email, password)
      // Everything cached belonged to the previous session (or none): start clean, then load the user.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKeys.root[0] })
      await queryClient.invalidateQueries({ queryKey: meKeys.root })
    } catch (caught) {
      const status = caught instanceof ApiError ? caught.status : 0
      setError(
        status === 401 || status === 400
          ? t('login.failed')
          : status === 429
            ? t('login.tooMany')
            : t('common.error', { message: (caught as Error).message }),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        {expired && (
          <p className="notice" role="status">
            {t('login.expired')}
          </p>
        )}
        <label>
          {t('login.email')}
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="login-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('common.loading') : t('login.submit')}
        </button>
      </form>
    </div>
  )
}

import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { FormEvent } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import { ApiError } from '../../lib/http.ts'
import { login, meKeys, organizationsToChoose } from '../../lib/session/auth.queries.ts'
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
  // Set when the email and password open accounts in several organisations: the person picks one.
  const [organizations, setOrganizations] = useState<{ id: number; name: string }[] | null>(null)
  const [organizationId, setOrganizationId] = useState<number | undefined>(undefined)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await login(email, password, organizations ? organizationId : undefined)
      // Everything cached belonged to the previous session (or none): start clean, then load the user.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKeys.root[0] })
      await queryClient.invalidateQueries({ queryKey: meKeys.root })
    } catch (caught) {
      const status = caught instanceof ApiError ? caught.status : 0
      const choices = organizationsToChoose(caught)
      if (choices) {
        setOrganizations(choices)
        setOrganizationId(choices[0]?.id)
        setError(t('login.chooseOrganization'))
        return
      }
      setError(
        status === 401 || status === 400
          ? t('login.failed')
          : status === 429
            ? t('login.tooMany', { wait: waitText(caught instanceof ApiError ? caught.retryAfterSeconds : undefined) })
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
            onChange={(e) => {
              setEmail(e.target.value)
              setOrganizations(null)
            }}
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
        {organizations && (
          <label>
            {t('login.organization')}
            <select value={organizationId} onChange={(e) => setOrganizationId(Number(e.target.value))}>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
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

/** "2 min" or "45 s" from a Retry-After; a minute when the server named none. */
function waitText(seconds: number | undefined): string {
  if (seconds === undefined) return '1 min'
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`
}

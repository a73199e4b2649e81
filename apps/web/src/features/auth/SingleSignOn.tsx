import { useQuery } from '@tanstack/react-query'
import { SsoError } from '@kpi/contract/auth'
import { useT } from '../../i18n/i18n.tsx'
import { authMethodsQuery } from '../../lib/session/auth.queries.ts'

/**
 * "Sign in with <provider>" under the password form when the server has single sign-on (GET /api/auth/methods).
 * A plain link, not fetch: the browser itself must go to the provider and back. It carries the page to return to
 * (the URL the login form stands in for; the login page itself means the dashboard). Nothing while loading or
 * when the methods cannot be read: the password form works regardless.
 */
export function SingleSignOnLink() {
  const t = useT()
  const methods = useQuery(authMethodsQuery())
  const oidc = methods.data?.oidc
  if (!oidc) return null
  const { pathname, search, hash } = window.location
  const returnTo = pathname === '/login' ? '/' : `${pathname}${search}${hash}`
  return (
    <>
      <p className="login-or">{t('login.or')}</p>
      <a className="login-sso" href={`/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`}>
        {t('login.sso', { name: oidc.name })}
      </a>
    </>
  )
}

/** Why the last single sign-on failed: the API sends the browser to /login?sso_error=<code>. Null when it did not. */
export function useSsoErrorText(): string | null {
  const t = useT()
  const parsed = SsoError.safeParse(new URLSearchParams(window.location.search).get('sso_error'))
  return parsed.success ? t(`login.ssoError.${parsed.data}`) : null
}

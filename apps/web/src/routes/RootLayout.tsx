import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Outlet, useMatch, useMatches, useRouter } from '@tanstack/react-router'
import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { AppShell } from '../components/layout/AppShell.tsx'
import { LoginPage } from '../features/auth/LoginPage.tsx'
import { NotificationBell } from '../features/notifications/NotificationBell.tsx'
import { setupStatusQuery } from '../features/setup/setup.queries.ts'
import { useT } from '../i18n/i18n.tsx'
import { ApiError } from '../lib/http.ts'
import { logout, meKeys, meQuery } from '../lib/session/auth.queries.ts'
import { PageError } from './status-pages.tsx'
import './static-data.ts'

// Only a brand-new installation shows it: not part of the first download.
const SetupPage = lazy(() => import('../features/setup/SetupPage.tsx'))
// Shown in place of every page while the organisation requires two-factor codes and this person has none yet.
const SecurityPage = lazy(() => import('../features/security/SecurityPage.tsx'))

/**
 * The shell around every page. Without a session every URL shows the login form in place (the URL is kept, so
 * signing in lands on the page that was asked for), except the public pages (staticData.public). A 401 from any query means the session expired: the user query
 * is refreshed, which shows login.
 */
export function RootLayout() {
  const queryClient = useQueryClient()
  const router = useRouter()
  const me = useQuery(meQuery())
  // Nobody signed in: a database without any organisation shows the first-run setup instead of the login form.
  const setup = useQuery({ ...setupStatusQuery(), enabled: me.data === null })
  // Derived during render (React's "storing information from previous renders"): once signed in, a later
  // missing session means it expired, and the login form says so.
  const [hadSession, setHadSession] = useState(false)
  if (me.data && !hadSession) setHadSession(true)
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        const error = event.query.state.error
        // 401: the session ended. 403 two_factor_setup_required: the organisation now requires codes. Either way
        // the user query, refreshed, says what to show.
        const stale = error instanceof ApiError && (error.status === 401 || error.error === 'two_factor_setup_required')
        if (event.type === 'updated' && stale) void queryClient.invalidateQueries({ queryKey: meKeys.root })
      }),
    [queryClient],
  )
  // Guards and loaders got the user in their context: run them again when someone else (or nobody) is signed in.
  const signedIn = me.data ? `${me.data.user.id}:${me.data.user.role}` : null
  const guardedFor = useRef(signedIn)
  useEffect(() => {
    if (guardedFor.current === signedIn) return
    guardedFor.current = signedIn
    void router.invalidate()
  }, [router, signedIn])
  const onWallboard = useMatch({ from: '/wallboard', shouldThrow: false }) !== undefined
  const onPublicPage = useMatches({ select: (matches) => matches.some((match) => match.staticData.public === true) })
  const t = useT()

  // Setup, invitation and reset pages work without a session (and do not wait for one).
  if (onPublicPage) {
    return (
      <AppShell>
        <Outlet />
      </AppShell>
    )
  }

  if (me.isPending) {
    return (
      <AppShell>
        <p className="page-loading">{t('common.loading')}</p>
      </AppShell>
    )
  }
  if (me.data === null && setup.isPending) {
    return (
      <AppShell>
        <p className="page-loading">{t('common.loading')}</p>
      </AppShell>
    )
  }
  if (me.data === null && setup.data?.needed) {
    return (
      <AppShell>
        <Suspense fallback={<p className="page-loading">{t('common.loading')}</p>}>
          <SetupPage />
        </Suspense>
      </AppShell>
    )
  }
  if (!me.data) {
    return (
      <AppShell>{me.isError ? <PageError message={me.error.message} /> : <LoginPage expired={hadSession} />}</AppShell>
    )
  }
  async function signOut() {
    try {
      await logout()
    } finally {
      setHadSession(false)
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKeys.root[0] })
      queryClient.setQueryData(meKeys.root, null)
    }
  }
  // The wallboard is for a TV: no header or navigation, the page fills the screen.
  if (onWallboard) return <Outlet />
  return (
    <AppShell
      user={{
        name: me.data.user.name,
        email: me.data.user.email,
        role: me.data.user.role,
        team: me.data.user.team?.name ?? null,
        managedTeams: me.data.user.managedTeams.map((team) => team.name),
        organization: me.data.organization.name,
      }}
      onSignOut={signOut}
      bell={<NotificationBell />}
    >
      {me.data.twoFactor.required && !me.data.twoFactor.enabled ? (
        <Suspense fallback={<p className="page-loading">{t('common.loading')}</p>}>
          <SecurityPage />
        </Suspense>
      ) : (
        <Outlet />
      )}
    </AppShell>
  )
}

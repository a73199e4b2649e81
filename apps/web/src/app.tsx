import { QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import { Component, lazy, Suspense, useEffect, useState } from 'react'
import type { ErrorInfo, ReactNode } from 'react'
import { AppShell } from './components/layout/AppShell.tsx'
import { LoginPage } from './features/auth/LoginPage.tsx'
import { logout, meKeys, meQuery } from './lib/session/auth.queries.ts'
import { ApiError } from './lib/http.ts'
import { NotificationBell } from './features/notifications/NotificationBell.tsx'
import { DashboardPage } from './features/dashboard/DashboardPage.tsx'
import { MyTargetsPage } from './features/my-targets/MyTargetsPage.tsx'
import { I18nProvider, useT } from './i18n/i18n.tsx'
import type { Locale } from './i18n/format.ts'
import { Link, hrefFor, useRoute } from './router.tsx'
import type { Route } from './router.tsx'

// Pages only some users open are split off so the first paint downloads just the dashboard.
const AdminPage = lazy(() => import('./features/admin/AdminPage.tsx'))
const ImportPage = lazy(() => import('./features/import/ImportPage.tsx'))
const KpiDetailPage = lazy(() => import('./features/kpi-detail/KpiDetailPage.tsx'))
const WallboardPage = lazy(() => import('./features/wallboard/WallboardPage.tsx'))

/** Providers + shell + routed page. `locale` pins the language (tests); otherwise it comes from storage/browser. */
export function App({ queryClient, locale }: { queryClient: QueryClient; locale?: Locale }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider {...(locale ? { locale } : {})}>
        <SessionGate />
      </I18nProvider>
    </QueryClientProvider>
  )
}

/**
 * Without a session every URL shows the login form in place (the URL is kept, so signing in lands on the page that
 * was asked for). A 401 from any query means the session expired: the user query is refreshed, which shows login.
 */
function SessionGate() {
  const queryClient = useQueryClient()
  const me = useQuery(meQuery())
  // Derived during render (React's "storing information from previous renders"): once signed in, a later
  // missing session means it expired, and the login form says so.
  const [hadSession, setHadSession] = useState(false)
  if (me.data && !hadSession) setHadSession(true)
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        const error = event.query.state.error
        if (event.type === 'updated' && error instanceof ApiError && error.status === 401)
          void queryClient.invalidateQueries({ queryKey: meKeys.root })
      }),
    [queryClient],
  )
  const t = useT()
  const route = useRoute()
  if (me.isPending) {
    return (
      <AppShell>
        <p className="page-loading">{t('common.loading')}</p>
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
  if (route.name === 'wallboard') return <Routed />
  return (
    <AppShell
      user={{ name: me.data.user.name, role: me.data.user.role }}
      onSignOut={signOut}
      bell={<NotificationBell />}
    >
      <Routed />
    </AppShell>
  )
}

function Routed() {
  const route = useRoute()
  const t = useT()
  return (
    // Keyed by route so an error on one page is forgotten when the user navigates away.
    <PageErrorBoundary key={routeKey(route)} fallback={(error) => <PageError message={error.message} />}>
      <Suspense fallback={<p className="page-loading">{t('common.loading')}</p>}>{page(route)}</Suspense>
    </PageErrorBoundary>
  )
}

function page(route: Route): ReactNode {
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage />
    case 'my-targets':
      return <MyTargetsPage />
    case 'admin':
      return <AdminPage />
    case 'import':
      return <ImportPage />
    case 'wallboard':
      return <WallboardPage />
    case 'kpi':
      return <KpiDetailPage kpiKey={route.key} />
    case 'not-found':
      return <NotFound />
  }
}

function routeKey(route: Route): string {
  return route.name === 'kpi' ? `kpi:${route.key}` : route.name
}

function NotFound() {
  const t = useT()
  return (
    <div className="page-head">
      <div>
        <h1>{t('notFound.title')}</h1>
        <p className="page-sub">{t('notFound.body')}</p>
        <p>
          <Link to={hrefFor({ name: 'dashboard' })}>{t('notFound.home')}</Link>
        </p>
      </div>
    </div>
  )
}

function PageError({ message }: { message: string }) {
  const t = useT()
  return (
    <div className="page-error" role="alert">
      <p>{t('common.error', { message })}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('common.retry')}
      </button>
    </div>
  )
}

type BoundaryProps = { children: ReactNode; fallback: (error: Error) => ReactNode }

/** Catches render errors and failed lazy-chunk loads (e.g. after a deploy) so the shell stays usable. */
class PageErrorBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null }

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn('Page failed to render', error, info.componentStack)
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children
  }
}

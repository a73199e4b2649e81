import { createRootRouteWithContext, createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router'
import type { QueryClient } from '@tanstack/react-query'
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx'
import { kpiDetailQuery, recordsParams } from '../features/kpi-detail/kpi-detail.queries.ts'
import { MyTargetsPage } from '../features/my-targets/MyTargetsPage.tsx'
import type { Locale } from '../i18n/format.ts'
import { dashboardQuery } from '../lib/figures/dashboard.queries.ts'
import { figureParams } from '../lib/figures/figure-params.ts'
import { meQuery } from '../lib/session/auth.queries.ts'
import { ADMIN_ROLES, IMPORT_ROLES } from '../lib/session/roles.ts'
import { requireRole } from './guards.ts'
import { RootLayout } from './RootLayout.tsx'
import { FigureSearch, KpiDetailSearch, WallboardSearch } from './search.ts'

export type RouterContext = { queryClient: QueryClient; locale: Locale }

/**
 * Starts a page's query while the route (and its lazy chunk) loads. Not awaited: the page shows its skeleton, or
 * the previous figures, meanwhile, and an error in place (FiguresError keeps the navigation), not as a route error.
 */
function prefetch(loading: Promise<unknown>) {
  loading.catch(() => undefined)
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  // Every route knows who is signed in (null: nobody, the root shows the login form on any URL).
  beforeLoad: async ({ context }) => ({ me: await context.queryClient.ensureQueryData(meQuery()) }),
  component: RootLayout,
})

const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: FigureSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => {
    if (context.me) prefetch(context.queryClient.ensureQueryData(dashboardQuery(figureParams(deps, context.locale))))
  },
  component: DashboardPage,
})

const myTargetsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/my-targets',
  component: MyTargetsPage,
})

const securityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/me/security',
  component: lazyRouteComponent(() => import('../features/security/SecurityPage.tsx')),
})

// Every role chooses their own e-mail digest here (issue 20).
const digestRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/me/digest',
  component: lazyRouteComponent(() => import('../features/digest/DigestPage.tsx')),
})

// Pages only some users open are split off so the first paint downloads just the dashboard.
const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  beforeLoad: requireRole(ADMIN_ROLES),
  component: lazyRouteComponent(() => import('../features/admin/AdminPage.tsx')),
})

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  staticData: { public: true },
  component: lazyRouteComponent(() => import('../features/setup/SetupPage.tsx')),
})

const importRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/import',
  beforeLoad: requireRole(IMPORT_ROLES),
  component: lazyRouteComponent(() => import('../features/import/ImportPage.tsx')),
})

const productsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/products',
  beforeLoad: requireRole(['admin']),
  component: lazyRouteComponent(() => import('../features/admin/products/ProductsPage.tsx')),
})

// Who gets which digest, what failed, the organisation's switch: admins only, like the API's /api/digests.
const digestsAdminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/digests',
  beforeLoad: requireRole(['admin']),
  component: lazyRouteComponent(() => import('../features/admin/digests/DigestsPage.tsx')),
})

// Managers invite reps to their teams here; admins do it in the users admin.
const teamRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/team',
  beforeLoad: requireRole(['manager']),
  component: lazyRouteComponent(() => import('../features/admin/users/TeamPage.tsx')),
})

// Opened from the invitation e-mail, without a session.
const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite/$token',
  staticData: { public: true },
  component: lazyRouteComponent(() => import('../features/invitation/AcceptInvitationPage.tsx')),
})

export const kpiRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/kpi/$kpiKey',
  validateSearch: KpiDetailSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps, params }) => {
    if (context.me)
      prefetch(
        context.queryClient.ensureQueryData(
          kpiDetailQuery(params.kpiKey, figureParams(deps, context.locale), recordsParams(deps)),
        ),
      )
  },
  component: lazyRouteComponent(() => import('../features/kpi-detail/KpiDetailPage.tsx')),
})

// The wallboard is for a TV: RootLayout renders it without the header and navigation.
export const wallboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/wallboard',
  validateSearch: WallboardSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => {
    if (context.me) prefetch(context.queryClient.ensureQueryData(dashboardQuery(figureParams(deps, context.locale))))
  },
  component: lazyRouteComponent(() => import('../features/wallboard/WallboardPage.tsx')),
})

// Where a failed single sign-on lands (/login?sso_error=…): signed out, the root shows the login form as on any
// URL; signed in (already, or by password just now), there is nothing to do here but go to the dashboard.
const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  beforeLoad: ({ context }) => {
    if (context.me) throw redirect({ to: '/', search: {} })
  },
  component: () => null,
})

// Public pages (staticData.public): opened from the login page or an e-mail, without a session.
const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  staticData: { public: true },
  component: lazyRouteComponent(() => import('../features/auth/ForgotPasswordPage.tsx')),
})

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password/$token',
  staticData: { public: true },
  component: lazyRouteComponent(() => import('../features/auth/ResetPasswordPage.tsx')),
})

export const routeTree = rootRoute.addChildren([
  loginRoute,
  dashboardRoute,
  myTargetsRoute,
  securityRoute,
  digestRoute,
  adminRoute,
  importRoute,
  productsRoute,
  digestsAdminRoute,
  setupRoute,
  teamRoute,
  inviteRoute,
  kpiRoute,
  wallboardRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
])

import { notFound } from '@tanstack/react-router'
import type { Role } from '../lib/session/roles.ts'
import type { MeResponse as Me } from '@kpi/contract/me'

/** What a guard throws: the route's not-found slot, marked, shows the forbidden page (status-pages.tsx). */
export const FORBIDDEN = { forbidden: true } as const

export const isForbidden = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && 'forbidden' in data && data.forbidden === true

/**
 * A beforeLoad guard: signed out passes (the root shows the login form in place), a role the API would refuse is
 * shown the forbidden page, and the page's code is never downloaded for it. Thrown as `notFound` rather than an
 * error, because the router renders that without React's error boundary (which would log it as a crash).
 */
export const requireRole =
  (roles: readonly Role[]) =>
  ({ context }: { context: { me: Me | null } }) => {
    if (context.me && !roles.includes(context.me.user.role)) throw notFound({ data: FORBIDDEN })
  }

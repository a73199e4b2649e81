/**
 * THE AUTH CONTRACT (for every route in the API)
 *
 * * Deny by default: every route registered inside the /api scope in app.ts needs a session (plugins/auth.ts,
 *   onRequest, before validation). No/unknown/expired session, or a deactivated user → 401
 *   `{ error: 'unauthorized' }`. A public route says so: `config: { public: true }`.
 * * `request.user: AuthUser` — loaded from the `kpi_session` cookie (one indexed query per request: session +
 *   user + the teams they manage). Still write `preHandler: app.authenticate` on routes that read it: it is a
 *   no-op after the gate and documents the dependency.
 * * `preHandler: [app.authenticate, app.requireRole('admin')]` — or `app.requireRole('admin', 'manager')`;
 *   `requireRole` authenticates by itself too, so `preHandler: app.requireRole('admin')` is enough. A signed-in
 *   user with another role → 403 `{ error: 'forbidden' }`.
 * * Which figures a user may see or set: `apps/api/src/auth/access.ts` (`assertCanView`, `canViewScope`,
 *   `canEditTargetsFor`). Anything belonging to another organisation answers 404, never 403 (no existence leak).
 * * CSRF is checked for you: every POST/PUT/PATCH/DELETE route under /api needs the `x-csrf-token` header equal
 *   to the `kpi_csrf` cookie, else 403 `{ error: 'csrf_failed' }` (plugins/csrf.ts). Nothing to do per route.
 * * Admin changes: write the audit entry with `writeAudit(tx, ...)` from `apps/api/src/audit/audit.db.ts` inside
 *   the same `prisma.$transaction` as the change.
 * * Tests: `seedTenant(pool)` and `loginAs(app, email)` in `apps/api/src/testing/` (see the top of those files).
 */

import type { Role } from '@kpi/contract/users'

export type { Role }

/** The signed-in user as every route sees it. Ids are the database ids. */
export type AuthUser = {
  id: number
  organizationId: number
  role: Role
  /** The team the user is a member of (reps; managers may have none). */
  teamId: number | null
  /** Active teams whose manager_id is this user, if their role is manager (else always empty). */
  managedTeamIds: number[]
  name: string
  email: string
  /** The organisation requires two-factor codes and this user has none yet: only /api/me* answers (decision 22). Absent: false. */
  twoFactorSetupRequired?: boolean
}

/** Database enum ('ADMIN') → API role ('admin'). */
export function roleFromDb(role: string): Role {
  return role.toLowerCase() as Role
}

/** API role ('admin') → database enum ('ADMIN'). */
export function roleToDb(role: Role): 'ADMIN' | 'MANAGER' | 'REP' {
  return role.toUpperCase() as 'ADMIN' | 'MANAGER' | 'REP'
}

import type { MeResponse as Me } from '@kpi/contract/me'

export type Role = Me['user']['role']

/**
 * Who may open which admin screen: the API's role rules (requireRole in apps/api/src/routes), so nobody is shown a
 * form whose Save the API would refuse. Targets: admin and manager (a manager's own teams, checked per scope by
 * the API); import: admin and manager; thresholds, layout, users, settings, webhooks: admin.
 */
export const ADMIN_TABS_BY_ROLE = {
  admin: ['thresholds', 'layout', 'targets', 'users', 'settings', 'webhooks'],
  manager: ['targets'],
  rep: [],
} as const satisfies Record<Role, readonly string[]>

export type AdminTab = (typeof ADMIN_TABS_BY_ROLE)['admin'][number]

export const IMPORT_ROLES: readonly Role[] = ['admin', 'manager']
export const ADMIN_ROLES: readonly Role[] = ['admin', 'manager']

import { Link } from '@tanstack/react-router'
import { useT } from '../../i18n/i18n.tsx'
import { ADMIN_TABS_BY_ROLE } from '../../lib/session/roles.ts'
import type { Role } from '../../lib/session/roles.ts'

/**
 * "My targets" without personal targets: says what to do instead, with links this role can follow (a manager
 * or an admin to the dashboard and Admin → Targets; a rep only reads on, their team's totals follow).
 */
export function NoPersonalTargets({ role }: { role: Role }) {
  const t = useT()
  const setsTargets = (ADMIN_TABS_BY_ROLE[role] as readonly string[]).includes('targets')
  return (
    <div className="notice no-personal-targets">
      <p>
        {t(
          role === 'admin' ? 'myTargets.noneAdmin' : role === 'manager' ? 'myTargets.noneManager' : 'myTargets.noneRep',
        )}
      </p>
      {role !== 'rep' && (
        <p className="no-personal-targets-links">
          <Link to="/">{t('myTargets.toDashboard')}</Link>
          {setsTargets && (
            <Link to="/admin" hash="targets">
              {t('myTargets.toTargets')}
            </Link>
          )}
        </p>
      )}
    </div>
  )
}

import { useT } from '../../../i18n/i18n.tsx'
import { useMe } from '../../../lib/session/auth.queries.ts'
import { InvitationsList } from './InvitationsList.tsx'
import { InviteForm } from './InviteForm.tsx'
import '../../../components/admin-area/admin.css'

const MANAGER_INVITES = ['rep'] as const

/**
 * "My team" (/team, managers): invite reps to the teams they manage and follow those invitations. Lazy-loaded.
 * The users admin stays admin-only; the API scopes what a manager may invite and see.
 */
export default function TeamPage() {
  const t = useT()
  const teams = useMe()?.user.managedTeams ?? []
  return (
    <div className="admin">
      <div className="page-head">
        <h1>{t('team.title')}</h1>
      </div>
      <div className="admin-body">
        <p>{t('team.intro')}</p>
        <InviteForm roles={MANAGER_INVITES} teams={teams} teamRequired />
        <InvitationsList teams={teams} />
      </div>
    </div>
  )
}

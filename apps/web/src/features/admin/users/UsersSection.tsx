import { useQuery } from '@tanstack/react-query'
import { useT } from '../../../i18n/i18n.tsx'
import { useMe } from '../../../lib/session/auth.queries.ts'
import { AddTeam, AddUser } from './AddForms.tsx'
import { InvitationsList } from './InvitationsList.tsx'
import { InviteForm } from './InviteForm.tsx'
import { RegionsTable } from './RegionRows.tsx'
import { TeamRow, UserRow } from './UserRows.tsx'
import { regionsQuery, teamsQuery, usersQuery } from './users.queries.ts'
import { ROLES } from '@kpi/contract/users'

/**
 * Regions (name, manager), teams (name, manager, region, active) and users (name, role, team, active, two-factor codes), each row saved on its own;
 * add forms.
 */
export function UsersSection() {
  const t = useT()
  const users = useQuery(usersQuery())
  const teams = useQuery(teamsQuery())
  const regions = useQuery(regionsQuery())
  const selfId = useMe()?.user.id
  if (users.isPending || teams.isPending || regions.isPending) return <p>{t('common.loading')}</p>
  if (users.isError || teams.isError || regions.isError)
    return <p role="alert">{t('common.error', { message: 'users/teams/regions' })}</p>
  const managers = users.data.users.filter((u) => u.role !== 'rep')
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('admin.tab.users')}</h2>
      <h3>{t('admin.users.teams')}</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.name')}</th>
            <th scope="col">{t('admin.users.manager')}</th>
            <th scope="col">{t('admin.users.region')}</th>
            <th scope="col">{t('admin.users.active')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {teams.data.teams.map((team) => (
            <TeamRow key={team.id} team={team} managers={managers} regions={regions.data.regions} />
          ))}
        </tbody>
      </table>
      <AddTeam />
      <RegionsTable regions={regions.data.regions} managers={managers.filter((u) => u.role === 'manager')} />
      <h3>{t('admin.users.users')}</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.name')}</th>
            <th scope="col">{t('admin.users.email')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            <th scope="col">{t('admin.users.team')}</th>
            <th scope="col">{t('admin.users.active')}</th>
            <th scope="col">{t('admin.users.twoFactor')}</th>
            <th scope="col" />
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {users.data.users.map((user) => (
            <UserRow key={user.id} user={user} teams={teams.data.teams} isSelf={user.id === selfId} />
          ))}
        </tbody>
      </table>
      <InvitationsList teams={teams.data.teams} />
      <InviteForm roles={ROLES} teams={teams.data.teams} teamRequired={false} />
      <AddUser teams={teams.data.teams} />
    </section>
  )
}

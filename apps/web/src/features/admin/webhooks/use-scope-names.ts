import { useQuery } from '@tanstack/react-query'
import { useT } from '../../../i18n/i18n.tsx'
import { regionsQuery, teamsQuery, usersQuery } from '../users/users.queries.ts'

export type ScopeGroup = { label: string; options: { value: string; label: string }[] }

/**
 * The scopes a webhook can be about, named as the users admin lists them: regions, teams and reps (active ones to
 * choose from; any, to name a stored scope). `nameOf(null)` is the whole organisation.
 */
export function useScopeNames() {
  const t = useT()
  const teams = useQuery(teamsQuery())
  const regions = useQuery(regionsQuery())
  const users = useQuery(usersQuery())
  const regionList = regions.data?.regions ?? []
  const teamList = teams.data?.teams ?? []
  const reps = (users.data?.users ?? []).filter((user) => user.role === 'rep')
  const names = new Map<string, string>([
    ...regionList.map((r) => [`region:${r.id}`, r.name] as const),
    ...teamList.map((team) => [`team:${team.id}`, team.name] as const),
    ...reps.map((rep) => [`rep:${rep.id}`, rep.name] as const),
  ])
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name)
  const groups: ScopeGroup[] = [
    {
      label: t('admin.webhooks.scope.regions'),
      options: [...regionList].sort(byName).map((r) => ({ value: `region:${r.id}`, label: r.name })),
    },
    {
      label: t('admin.webhooks.scope.teams'),
      options: teamList
        .filter((team) => team.active)
        .sort(byName)
        .map((team) => ({ value: `team:${team.id}`, label: team.name })),
    },
    {
      label: t('admin.webhooks.scope.reps'),
      options: reps
        .filter((rep) => rep.active)
        .sort(byName)
        .map((rep) => ({ value: `rep:${rep.id}`, label: rep.name })),
    },
  ].filter((group) => group.options.length > 0)
  return {
    groups,
    nameOf: (scope: string | null) =>
      scope === null || scope === 'org' ? t('admin.webhooks.scope.org') : (names.get(scope) ?? scope),
  }
}

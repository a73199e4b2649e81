import { queryOptions } from '@tanstack/react-query'
import { getJson } from '../../../lib/http.ts'
import { TeamList } from '@kpi/contract/teams'
import { UserList } from '@kpi/contract/users'

export const teamKeys = { root: ['teams'] as const }
export const userKeys = { root: ['users'] as const }

export const teamsQuery = () =>
  queryOptions({ queryKey: teamKeys.root, queryFn: ({ signal }) => getJson('/api/teams', TeamList, signal) })

export const usersQuery = () =>
  queryOptions({ queryKey: userKeys.root, queryFn: ({ signal }) => getJson('/api/users', UserList, signal) })

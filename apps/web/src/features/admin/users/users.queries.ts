import { queryOptions } from '@tanstack/react-query'
import { getJson } from '../../../lib/http.ts'
import { RegionList } from '@kpi/contract/regions'
import { TeamList } from '@kpi/contract/teams'
import { UserList } from '@kpi/contract/users'

export const teamKeys = { root: ['teams'] as const }
export const userKeys = { root: ['users'] as const }
export const regionKeys = { root: ['regions'] as const }

export const teamsQuery = () =>
  queryOptions({ queryKey: teamKeys.root, queryFn: ({ signal }) => getJson('/api/teams', TeamList, signal) })

export const usersQuery = () =>
  queryOptions({ queryKey: userKeys.root, queryFn: ({ signal }) => getJson('/api/users', UserList, signal) })

export const regionsQuery = () =>
  queryOptions({ queryKey: regionKeys.root, queryFn: ({ signal }) => getJson('/api/regions', RegionList, signal) })

import { queryOptions } from '@tanstack/react-query'
import { getJson } from '../../../lib/http.ts'
import { TeamListSchema, UserListSchema } from './users.schema.ts'

export const teamKeys = { root: ['teams'] as const }
export const userKeys = { root: ['users'] as const }

export const teamsQuery = () =>
  queryOptions({ queryKey: teamKeys.root, queryFn: ({ signal }) => getJson('/api/teams', TeamListSchema, signal) })

export const usersQuery = () =>
  queryOptions({ queryKey: userKeys.root, queryFn: ({ signal }) => getJson('/api/users', UserListSchema, signal) })

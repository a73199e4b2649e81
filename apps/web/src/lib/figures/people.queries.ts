import { queryOptions } from '@tanstack/react-query'
import { getJson } from '../http.ts'
import { UserList } from '@kpi/contract/users'

/** The people the viewer may see (GET /api/users: an admin the organisation, a manager their teams), for "Show". */
export const peopleQuery = () =>
  queryOptions({
    queryKey: ['people'] as const,
    queryFn: ({ signal }) => getJson('/api/users', UserList, signal),
    staleTime: 5 * 60_000,
  })

import { QueryClient } from '@tanstack/react-query'
import { ApiError } from './http.ts'

/**
 * One place for query defaults. KPI figures change with imports and activity, not by the second: 30 s of
 * freshness avoids refetch storms when switching pages. A 4xx will not fix itself, so only other errors retry.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  })
}

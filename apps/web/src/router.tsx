import { createRouter } from '@tanstack/react-router'
import type { QueryClient } from '@tanstack/react-query'
import { routeTree } from './routes/route-tree.tsx'
import { Loading, NotFound, RouteError } from './routes/status-pages.tsx'

/**
 * Plain `key=value` query strings, as links shared before the router had them: the route's zod schema turns the
 * strings into values, instead of the default JSON encoding that would quote a scope like "12". A colon stays
 * readable (`scope=team:1`, as in the API's own links); it needs no escaping in a query.
 */
export const plainSearch = {
  parseSearch: (searchStr: string): Record<string, string> => Object.fromEntries(new URLSearchParams(searchStr)),
  stringifySearch: (search: Record<string, unknown>): string => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(search))
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
    const text = params.toString().replaceAll('%3A', ':')
    return text ? `?${text}` : ''
  },
}

/**
 * The app's router: the route tree (routes/route-tree.tsx) with the query client as context, so loaders and
 * guards read through the same cache as the pages.
 */
export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    // The locale is the UI's, set by <RouterProvider context> in app.tsx on every render.
    context: { queryClient, locale: 'en' },
    ...plainSearch,
    // Loaders start the pages' queries; react-query decides freshness, so the router never caches on its own.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: Loading,
    defaultErrorComponent: RouteError,
    defaultNotFoundComponent: NotFound,
    scrollRestoration: true,
  })
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}

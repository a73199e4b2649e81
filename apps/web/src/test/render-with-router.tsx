import { createRootRoute, createRoute, createRouter, RouterProvider } from '@tanstack/react-router'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { plainSearch } from '../router.tsx'

/**
 * Renders a part that holds router links (not a whole page) on any URL, with the browser's history so a click
 * shows in window.location. Whole pages are rendered through <App>, with the real route tree.
 */
export async function renderWithRouter(ui: ReactNode) {
  const root = createRootRoute({ component: () => ui })
  const anyPath = createRoute({ getParentRoute: () => root, path: '$' })
  const router = createRouter({ routeTree: root.addChildren([anyPath]), ...plainSearch })
  await router.load()
  return render(<RouterProvider router={router} />)
}

import { useSyncExternalStore } from 'react'
import type { AnchorHTMLAttributes, MouseEvent } from 'react'

// A dependency-free history router: five pages and one parameter do not justify a routing library (~15 KB gzip
// for react-router). If nested layouts or loaders become necessary, TanStack Router is the natural next step.

export type Route =
  | { name: 'dashboard' }
  | { name: 'my-targets' }
  | { name: 'admin' }
  | { name: 'import' }
  | { name: 'wallboard' }
  | { name: 'kpi'; key: string }
  | { name: 'not-found' }

/** Maps a pathname to a route; a trailing slash is ignored and KPI keys are URI-decoded. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  if (path === '/' || path === '') return { name: 'dashboard' }
  if (path === '/my-targets') return { name: 'my-targets' }
  if (path === '/admin') return { name: 'admin' }
  if (path === '/admin/import') return { name: 'import' }
  if (path === '/wallboard') return { name: 'wallboard' }
  const kpi = /^\/kpi\/([^/]+)$/.exec(path)
  if (kpi?.[1]) {
    try {
      return { name: 'kpi', key: decodeURIComponent(kpi[1]) }
    } catch {
      return { name: 'not-found' }
    }
  }
  return { name: 'not-found' }
}

/** The path for a route, the inverse of matchRoute. */
export function hrefFor(route: Exclude<Route, { name: 'not-found' }>): string {
  switch (route.name) {
    case 'dashboard':
      return '/'
    case 'my-targets':
      return '/my-targets'
    case 'admin':
      return '/admin'
    case 'import':
      return '/admin/import'
    case 'wallboard':
      return '/wallboard'
    case 'kpi':
      return `/kpi/${encodeURIComponent(route.key)}`
  }
}

const NAVIGATE_EVENT = 'kpi:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

const currentPath = () => window.location.pathname
const serverPath = () => '/'

/** The current pathname; re-renders on navigate() and on back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPath, serverPath)
}

const currentSearch = () => window.location.search
const serverSearch = () => ''

/** The current query string as URLSearchParams; re-renders like usePathname (the URL holds shareable state). */
export function useSearchParams(): URLSearchParams {
  return new URLSearchParams(useSyncExternalStore(subscribe, currentSearch, serverSearch))
}

export function useRoute(): Route {
  return matchRoute(usePathname())
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.scrollTo?.(0, 0)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string }

/** A real <a href> (open in new tab, copy link keep working) that navigates in-app on a plain left click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event)
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey
    if (event.defaultPrevented || event.button !== 0 || modified || rest.target === '_blank') return
    event.preventDefault()
    navigate(to)
  }
  return <a href={to} onClick={handleClick} {...rest} />
}

import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { App } from '../app.tsx'

/**
 * The whole app opened at `path`, as a person typing the URL: the real router, session gate and pages, with a
 * fresh QueryClient that never retries (one failed answer is the answer). Without `locale` the browser's decides.
 */
export function renderAppAt(path: string, { locale }: { locale?: 'en' | 'nl' } = {}) {
  window.history.replaceState(null, '', path)
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(<App queryClient={queryClient} {...(locale ? { locale } : {})} />)
}

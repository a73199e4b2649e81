import { QueryClientProvider } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { useState } from 'react'
import { I18nProvider, useLocale } from './i18n/i18n.tsx'
import type { Locale } from './i18n/format.ts'
import { createAppRouter } from './router.tsx'

/** Providers + the routed pages. `locale` pins the language (tests); otherwise it comes from storage/browser. */
export function App({ queryClient, locale }: { queryClient: QueryClient; locale?: Locale }) {
  const [router] = useState(() => createAppRouter(queryClient))
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider {...(locale ? { locale } : {})}>
        <Routed router={router} queryClient={queryClient} />
      </I18nProvider>
    </QueryClientProvider>
  )
}

/** The loaders fetch in the UI's language, so the router's context carries it. */
function Routed(props: { router: ReturnType<typeof createAppRouter>; queryClient: QueryClient }) {
  const { locale } = useLocale()
  return <RouterProvider router={props.router} context={{ queryClient: props.queryClient, locale }} />
}

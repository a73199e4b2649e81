import { useQuery, useQueryClient } from '@tanstack/react-query'
import { dashboardKeys } from '../../../lib/figures/dashboard.queries.ts'
import { getJson } from '../../../lib/http.ts'
import { useT } from '../../../i18n/i18n.tsx'
import { sendVersioned } from '../versioned-http.ts'
import { LayoutEditor } from './LayoutEditor.tsx'
import { Layout } from '@kpi/contract/layout'

const layoutKey = ['layout'] as const

export function LayoutSection() {
  const t = useT()
  const client = useQueryClient()
  const layout = useQuery({
    queryKey: layoutKey,
    queryFn: ({ signal }) => getJson('/api/layout', Layout, signal),
  })
  if (layout.isPending) return <p>{t('common.loading')}</p>
  if (layout.isError) return <p role="alert">{t('common.error', { message: layout.error.message })}</p>
  return (
    <section aria-labelledby="layout-title">
      <h2 id="layout-title">{t('admin.tab.layout')}</h2>
      <p className="page-sub">{t('admin.layout.intro')}</p>
      <LayoutEditor
        initial={layout.data}
        save={async (areas, version) => {
          const result = await sendVersioned('PUT', '/api/layout', { version, areas }, Layout)
          // The dashboard reads the layout: refresh it once the layout is stored.
          if (result.kind === 'saved') void client.invalidateQueries({ queryKey: dashboardKeys.root })
          return result
        }}
      />
    </section>
  )
}

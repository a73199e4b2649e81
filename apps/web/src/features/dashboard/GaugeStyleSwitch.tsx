import { useMutation, useQueryClient } from '@tanstack/react-query'
import { GAUGE_STYLES, type GaugeStyle } from '@kpi/contract/settings'
import type { MeResponse } from '@kpi/contract/me'
import { useT } from '../../i18n/i18n.tsx'
import { gaugeStyleOf, meKeys, saveGaugeStyle } from '../../lib/session/auth.queries.ts'
import './gauge-style-switch.css'

/**
 * Gauges or bullet graphs, for the signed-in person only. Picking the organisation's own style stores null, so the
 * person follows the organisation again when an admin changes it later.
 */
export function GaugeStyleSwitch({ me }: { me: MeResponse }) {
  const t = useT()
  const queryClient = useQueryClient()
  const current = gaugeStyleOf(me)
  const save = useMutation({
    mutationFn: (style: GaugeStyle) => saveGaugeStyle(style === me.organization.gaugeStyle ? null : style),
    onSuccess: ({ gaugeStyle }) =>
      queryClient.setQueryData<MeResponse | null>(meKeys.root, (old) =>
        old ? { ...old, preferences: { ...old.preferences, gaugeStyle } } : old,
      ),
  })
  return (
    <div className="segmented" role="group" aria-label={t('dashboard.gaugeStyle')}>
      {GAUGE_STYLES.map((style) => (
        <button
          key={style}
          type="button"
          aria-pressed={(save.isPending ? save.variables : current) === style}
          disabled={save.isPending}
          onClick={() => save.mutate(style)}
        >
          {t(`gaugeStyle.${style}`)}
        </button>
      ))}
    </div>
  )
}

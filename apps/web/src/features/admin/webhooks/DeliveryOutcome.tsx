import { INTL_LOCALE } from '../../../i18n/format.ts'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { errorText } from './webhook-text.ts'
import type { Delivery } from '@kpi/contract/webhooks'
import type { z } from 'zod'

type DeliveryRow = z.output<typeof Delivery>

const SYMBOL = { delivered: '✓', pending: '…', failed: '✕' } as const

/**
 * A delivery's state in words and symbol (never colour alone): delivered; not yet, with the receiver's answer and
 * when we try again; failed for good, with the last answer.
 */
export function DeliveryOutcome({ delivery }: { delivery: DeliveryRow }) {
  const t = useT()
  const { locale } = useLocale()
  const when = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short' })
  const error = delivery.lastError === null ? null : errorText(t, delivery.lastError)
  return (
    <span className={`delivery-state delivery-${delivery.status}`}>
      <span aria-hidden="true">{SYMBOL[delivery.status]}</span> {t(`admin.webhooks.status.${delivery.status}`)}
      {delivery.status === 'pending' && error !== null && (
        <>
          {' — '}
          {t('admin.webhooks.retrying', {
            error,
            when: delivery.nextAttemptAt ? when.format(new Date(delivery.nextAttemptAt)) : '—',
          })}
        </>
      )}
      {delivery.status === 'failed' && error !== null && <> — {error}</>}
    </span>
  )
}

import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { INTL_LOCALE } from '../../../i18n/format.ts'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { DeliveryOutcome } from './DeliveryOutcome.tsx'
import { deliveryTypeText } from './webhook-text.ts'
import { deliveriesQuery, type DeliveryStatus } from './webhooks.queries.ts'

const FILTERS = ['all', 'failed', 'pending', 'delivered'] as const
type Filter = (typeof FILTERS)[number]

/** A webhook's latest deliveries (newest first), narrowed to failed, waiting or delivered ones on request. */
export function DeliveriesPanel({ webhookId, id }: { webhookId: number; id: string }) {
  const t = useT()
  const { locale } = useLocale()
  const filterId = useId()
  const [filter, setFilter] = useState<Filter>('all')
  const status: DeliveryStatus | undefined = filter === 'all' ? undefined : filter
  const deliveries = useQuery(deliveriesQuery(webhookId, status))
  const when = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <div className="webhook-deliveries" id={id}>
      <div className="field inline">
        <label htmlFor={filterId}>{t('admin.webhooks.deliveries.show')}</label>
        <select id={filterId} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
          {FILTERS.map((name) => (
            <option key={name} value={name}>
              {t(`admin.webhooks.deliveries.filter.${name}`)}
            </option>
          ))}
        </select>
      </div>
      {deliveries.isPending ? (
        <p>{t('common.loading')}</p>
      ) : deliveries.isError ? (
        <p role="alert">{t('common.error', { message: deliveries.error.message })}</p>
      ) : deliveries.data.items.length === 0 ? (
        <p>{t(filter === 'all' ? 'admin.webhooks.deliveries.none' : 'admin.webhooks.deliveries.noneLikeThis')}</p>
      ) : (
        <ul className="delivery-list" aria-label={t('admin.webhooks.deliveries.title')}>
          {deliveries.data.items.map((delivery) => (
            <li key={delivery.id} className="delivery-item">
              <div>
                <strong>{deliveryTypeText(t, delivery.type)}</strong> · {when.format(new Date(delivery.createdAt))}
              </div>
              <div>
                <DeliveryOutcome delivery={delivery} />
              </div>
              <div className="delivery-meta">
                {t('admin.webhooks.deliveries.attempts', { count: delivery.attempts })}
                {delivery.lastStatusCode !== null && <> · HTTP {delivery.lastStatusCode}</>}
                {delivery.deliveredAt !== null && (
                  <>
                    {' '}
                    ·{' '}
                    {t('admin.webhooks.deliveries.deliveredAt', { when: when.format(new Date(delivery.deliveredAt)) })}
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState } from 'react'
import { ConfirmPanel } from '../../../components/admin-area/ConfirmPanel.tsx'
import { INTL_LOCALE } from '../../../i18n/format.ts'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { DeliveriesPanel } from './DeliveriesPanel.tsx'
import { DeliveryOutcome } from './DeliveryOutcome.tsx'
import { maskUrl, scheduleText } from './webhook-text.ts'
import { deleteWebhook, deliveriesQuery, testWebhook, webhookKeys, type WebhookRow } from './webhooks.queries.ts'

/** One webhook: where it posts (masked), how, about what and when; its last delivery; test, deliveries, edit, delete. */
export function WebhookCard({
  webhook,
  scopeName,
  onEdit,
}: {
  webhook: WebhookRow
  scopeName: string
  onEdit: () => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const id = useId()
  const client = useQueryClient()
  const [showDeliveries, setShowDeliveries] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const deleteButton = useRef<HTMLButtonElement>(null)
  const stopConfirming = () => {
    setConfirming(false)
    deleteButton.current?.focus()
  }
  const masked = maskUrl(webhook.url)
  const latest = useQuery(deliveriesQuery(webhook.id)).data?.items[0]
  const test = useMutation({
    mutationFn: () => testWebhook(webhook.id),
    onSettled: () => client.invalidateQueries({ queryKey: [...webhookKeys.root, webhook.id] }),
  })
  const removal = useMutation({
    mutationFn: () => deleteWebhook(webhook),
    // A 409 (changed meanwhile) reloads the list too: the admin sees the current row and can decide again.
    onSettled: () => client.invalidateQueries({ queryKey: webhookKeys.root }),
  })
  return (
    <li className="webhook-card" aria-labelledby={`${id}-name`}>
      <div className="webhook-main">
        <strong id={`${id}-name`} className="webhook-url">
          {masked}
        </strong>
        <span className="webhook-chip">{t(`admin.webhooks.format.${webhook.format}`)}</span>
        {!webhook.active && <span className="webhook-chip webhook-chip-off">{t('admin.webhooks.inactive')}</span>}
      </div>
      <dl className="webhook-facts">
        <div>
          <dt>{t('admin.webhooks.field.scope')}</dt>
          <dd>{scopeName}</dd>
        </div>
        <div>
          <dt>{t('admin.webhooks.field.digest')}</dt>
          <dd>{scheduleText(t, INTL_LOCALE[locale], webhook.digest)}</dd>
        </div>
        <div>
          <dt>{t('admin.webhooks.field.locale')}</dt>
          <dd>{t(`admin.webhooks.locale.${webhook.locale}`)}</dd>
        </div>
        <div>
          <dt>{t('admin.webhooks.lastDelivery')}</dt>
          <dd>{latest ? <DeliveryOutcome delivery={latest} /> : t('admin.webhooks.noDeliveries')}</dd>
        </div>
      </dl>
      <div className="webhook-actions">
        <button
          type="button"
          aria-label={t('admin.webhooks.testOne', { name: masked })}
          disabled={test.isPending}
          onClick={() => test.mutate()}
        >
          {test.isPending ? t('admin.webhooks.testing') : t('admin.webhooks.test')}
        </button>
        <button
          type="button"
          aria-expanded={showDeliveries}
          aria-controls={`${id}-deliveries`}
          aria-label={t('admin.webhooks.deliveriesOf', { name: masked })}
          onClick={() => setShowDeliveries((shown) => !shown)}
        >
          {t('admin.webhooks.deliveries.title')}
        </button>
        <button type="button" aria-label={t('admin.webhooks.editOne', { name: masked })} onClick={onEdit}>
          {t('admin.webhooks.editButton')}
        </button>
        <button
          type="button"
          ref={deleteButton}
          aria-label={t('admin.webhooks.deleteOne', { name: masked })}
          onClick={() => setConfirming(true)}
        >
          {t('admin.webhooks.delete')}
        </button>
      </div>
      <div role="status" className="webhook-test-outcome">
        {test.data && (
          <p>
            {t('admin.webhooks.testSent')} <DeliveryOutcome delivery={test.data.delivery} />
          </p>
        )}
      </div>
      {test.error && (
        <p className="field-error" role="alert">
          {test.error.message}
        </p>
      )}
      {confirming && (
        <ConfirmPanel
          title={t('admin.webhooks.deleteTitle', { name: masked })}
          text={t('admin.webhooks.deleteText')}
          confirmLabel={t('admin.webhooks.deleteConfirm')}
          cancelLabel={t('admin.webhooks.cancel')}
          busy={removal.isPending}
          onConfirm={() => removal.mutate(undefined, { onSettled: () => setConfirming(false) })}
          onCancel={stopConfirming}
        />
      )}
      {removal.error && (
        <p className="field-error" role="alert">
          {removal.error.message}
        </p>
      )}
      {showDeliveries && <DeliveriesPanel webhookId={webhook.id} id={`${id}-deliveries`} />}
    </li>
  )
}

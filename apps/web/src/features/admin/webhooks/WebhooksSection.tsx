import { useQuery } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useT } from '../../../i18n/i18n.tsx'
import { SecretOnce } from './SecretOnce.tsx'
import { useScopeNames } from './use-scope-names.ts'
import { WebhookCard } from './WebhookCard.tsx'
import { WebhookForm } from './WebhookForm.tsx'
import { webhooksQuery, type WebhookRow } from './webhooks.queries.ts'
import './webhooks.css'

/**
 * The organisation's webhooks: Slack, Microsoft Teams or signed JSON, each about the whole organisation or one
 * scope, with zone changes and optionally a digest. One form at a time; a new JSON webhook's secret shows once.
 */
export function WebhooksSection() {
  const t = useT()
  const hooks = useQuery(webhooksQuery())
  const scopes = useScopeNames()
  // null: no form; 'new': the add form; a webhook: its edit form.
  const [editing, setEditing] = useState<WebhookRow | 'new' | null>(null)
  const [secret, setSecret] = useState<string | null>(null)
  // Where keyboard focus goes back to when a form closes (its inputs are gone, focus would drop to the page).
  const addButton = useRef<HTMLButtonElement>(null)
  const closeForm = () => {
    setEditing(null)
    addButton.current?.focus()
  }

  if (hooks.isPending) return <p>{t('common.loading')}</p>
  if (hooks.isError) return <p role="alert">{t('common.error', { message: hooks.error.message })}</p>
  return (
    <section className="webhooks" aria-labelledby="webhooks-title">
      <div className="webhooks-bar">
        <h2 id="webhooks-title">{t('admin.webhooks.title')}</h2>
        <button type="button" className="primary" ref={addButton} onClick={() => setEditing('new')}>
          {t('admin.webhooks.add')}
        </button>
      </div>
      <p className="page-sub">{t('admin.webhooks.intro')}</p>
      {secret !== null && (
        <SecretOnce
          secret={secret}
          onDone={() => {
            setSecret(null)
            addButton.current?.focus()
          }}
        />
      )}
      {editing !== null && (
        <WebhookForm
          key={editing === 'new' ? 'new' : editing.id}
          {...(editing === 'new' ? {} : { webhook: editing })}
          onSaved={(saved, created) => {
            // A new signed-JSON webhook's secret takes the focus (SecretOnce); otherwise back to "Add webhook".
            if (created && saved.format === 'json' && saved.secret) {
              setEditing(null)
              setSecret(saved.secret)
            } else closeForm()
          }}
          onCancel={closeForm}
        />
      )}
      {hooks.data.length === 0 ? (
        <p>{t('admin.webhooks.empty')}</p>
      ) : (
        <ul className="webhook-list" aria-label={t('admin.webhooks.title')}>
          {hooks.data.map((webhook) => (
            <WebhookCard
              key={webhook.id}
              webhook={webhook}
              scopeName={scopes.nameOf(webhook.scope)}
              onEdit={() => setEditing(webhook)}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

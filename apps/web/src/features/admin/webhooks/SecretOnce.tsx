import { useLayoutEffect, useRef, useState } from 'react'
import { useT } from '../../../i18n/i18n.tsx'

/**
 * A new signed-JSON webhook's secret, right after it was created: the API answers it this once (it stores no way to
 * show it again), so the admin copies it into the receiving system now.
 */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const t = useT()
  const [copied, setCopied] = useState(false)
  // Focus on the secret, selected: the one thing to do now is copy it. A layout effect, so the focus is there as
  // soon as the panel is (a screen reader reads the warning and the secret's label together).
  const field = useRef<HTMLInputElement>(null)
  useLayoutEffect(() => field.current?.focus(), [])
  return (
    <div className="notice panel webhook-secret" role="alert">
      <p>
        <strong>{t('admin.webhooks.secret.title')}</strong>
      </p>
      <p className="warning">{t('admin.webhooks.secret.once')}</p>
      <input
        ref={field}
        readOnly
        aria-label={t('admin.webhooks.secret.label')}
        value={secret}
        onFocus={(e) => e.target.select()}
      />
      <div className="form-actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true))}>
          {copied ? t('admin.webhooks.secret.copied') : t('admin.webhooks.secret.copy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('admin.webhooks.secret.done')}
        </button>
      </div>
    </div>
  )
}

import { useT } from '../../../i18n/i18n.tsx'
import type { DigestSend } from '@kpi/contract/digests'

/**
 * A digest's state in words, with its error: ours (built, skipped because empty, failed to build) and, once handed
 * over, the e-mail's or the webhook delivery's own (queued, sent, failed with the server's answer).
 */
export function SendState({ send }: { send: DigestSend }) {
  const t = useT()
  return (
    <div className={`digest-state digest-state-${send.status}`}>
      <span className="digest-status">{t(`admin.digests.status.${send.status}`)}</span>
      {send.manual && <> · {t('admin.digests.manual')}</>}
      {send.status !== 'sent' && send.attempts > 1 && <> · {t('admin.mail.attempts', { count: send.attempts })}</>}
      {send.lastError && <div className="digests-error">{send.lastError}</div>}
      {send.handoff && (
        <div className={`digest-handoff digest-handoff-${send.handoff.status}`}>
          {t(send.channel === 'email' ? 'admin.digests.handoffEmail' : 'admin.digests.handoffWebhook', {
            status: t(`admin.digests.handoff.${send.handoff.status}`),
          })}
          {send.handoff.error && <div className="digests-error">{send.handoff.error}</div>}
        </div>
      )}
    </div>
  )
}

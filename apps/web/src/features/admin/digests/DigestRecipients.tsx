import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { dueParts, scheduleText } from '../../../lib/digest-schedule-text.ts'
import { digestsKeys, runDigests } from './digests.queries.ts'
import { SendState } from './SendState.tsx'
import type { DigestRecipient } from '@kpi/contract/digests'

/** Who gets what: each person's effective choice, the next send, the last one and how it went, and "Send now". */
export function DigestRecipients({ recipients, timeZone }: { recipients: DigestRecipient[]; timeZone: string }) {
  const t = useT()
  if (recipients.length === 0) return <p>{t('admin.digests.noRecipients')}</p>
  return (
    <table className="data-table digests-table" aria-labelledby="digests-recipients-title">
      <thead>
        <tr>
          <th scope="col">{t('admin.digests.person')}</th>
          <th scope="col">{t('admin.digests.role')}</th>
          <th scope="col">{t('admin.digests.schedule')}</th>
          <th scope="col">{t('admin.digests.about')}</th>
          <th scope="col">{t('admin.digests.nextSend')}</th>
          <th scope="col">{t('admin.digests.lastSend')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('admin.digests.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {recipients.map((recipient) => (
          <RecipientRow key={recipient.user.id} recipient={recipient} timeZone={timeZone} />
        ))}
      </tbody>
    </table>
  )
}

function RecipientRow({ recipient, timeZone }: { recipient: DigestRecipient; timeZone: string }) {
  const t = useT()
  const { locale } = useLocale()
  const client = useQueryClient()
  const { user } = recipient
  const sendNow = useMutation({
    mutationFn: () => runDigests(user.id),
    onSuccess: () => client.invalidateQueries({ queryKey: digestsKeys.root }),
  })
  const when = (instant: string) => t('admin.digests.at', dueParts(locale, instant, timeZone))
  const sent = sendNow.data?.sends[0]
  return (
    <tr data-testid={`digest-recipient-${user.id}`} data-error={recipient.last?.status === 'failed'}>
      <th scope="row" data-label={t('admin.digests.person')}>
        {user.name}
        {user.email && <div className="digests-email">{user.email}</div>}
      </th>
      <td data-label={t('admin.digests.role')}>{t(`userMenu.role.${user.role}`)}</td>
      <td data-label={t('admin.digests.schedule')}>
        {scheduleText(t, locale, recipient)}
        {recipient.isDefault && <div className="digests-muted">{t('admin.digests.roleDefault')}</div>}
      </td>
      <td data-label={t('admin.digests.about')}>
        {recipient.scopeName} · {t(`period.${recipient.period}`)}
      </td>
      <td data-label={t('admin.digests.nextSend')}>{recipient.nextDueAt ? when(recipient.nextDueAt) : '—'}</td>
      <td data-label={t('admin.digests.lastSend')}>
        {recipient.last ? (
          <>
            {when(recipient.last.dueAt)}
            <SendState send={recipient.last} />
          </>
        ) : (
          '—'
        )}
      </td>
      <td data-label={t('admin.digests.actions')}>
        <button
          type="button"
          disabled={sendNow.isPending || !user.email}
          aria-label={t('admin.digests.sendNowTo', { name: user.name })}
          onClick={() => sendNow.mutate()}
        >
          {t('admin.digests.sendNow')}
        </button>
        {sent && (
          <div role="status">
            {sent.status === 'failed' || sent.status === 'skipped'
              ? t('admin.digests.sendNowNot', { reason: sent.lastError ?? t(`admin.digests.status.${sent.status}`) })
              : t('admin.digests.sendNowDone')}
          </div>
        )}
        {sendNow.error && (
          <div className="field-error" role="alert">
            {t('common.error', { message: sendNow.error.message })}
          </div>
        )}
      </td>
    </tr>
  )
}

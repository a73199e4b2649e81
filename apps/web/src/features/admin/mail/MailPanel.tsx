import { useQuery } from '@tanstack/react-query'
import { INTL_LOCALE } from '../../../i18n/format.ts'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import type { MessageKey } from '../../../i18n/messages.ts'
import { mailMessagesQuery } from './mail.queries.ts'
import type { MailMessage } from '@kpi/contract/mail'
import './mail.css'

const KNOWN_KINDS = new Set(['password_reset', 'invitation'])

/** The organisation's latest e-mails and whether they went out; failures first, with the mail server's answer. */
export function MailPanel() {
  const t = useT()
  const { locale } = useLocale()
  // The time matters here (a failure minutes ago), in the viewer's own time zone.
  const when = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short' })
  const mail = useQuery(mailMessagesQuery())
  if (mail.isPending) return <p>{t('common.loading')}</p>
  if (mail.isError) return <p role="alert">{t('common.error', { message: mail.error.message })}</p>
  const { enabled, items } = mail.data
  const failed = items.filter((m) => m.status === 'failed')
  const kind = (m: MailMessage) => (KNOWN_KINDS.has(m.kind) ? t(`admin.mail.kind.${m.kind}` as MessageKey) : m.kind)
  return (
    <section className="mail-panel" aria-labelledby="mail-title">
      <h2 id="mail-title">{t('admin.mail.title')}</h2>
      <p className={enabled ? 'mail-on' : 'mail-off'}>{t(enabled ? 'admin.mail.on' : 'admin.mail.off')}</p>
      {failed.length > 0 && (
        <div className="mail-failed" role="alert">
          <strong>{t('admin.mail.failedCount', { count: failed.length })}</strong>
          <ul>
            {failed.map((m) => (
              <li key={m.id}>
                {m.to} — {m.subject}: {t('admin.mail.serverSaid', { error: m.lastError ?? '—' })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {items.length === 0 ? (
        <p>{t('admin.mail.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.mail.when')}</th>
              <th scope="col">{t('admin.mail.kind')}</th>
              <th scope="col">{t('admin.mail.to')}</th>
              <th scope="col">{t('admin.mail.subject')}</th>
              <th scope="col">{t('admin.mail.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} className={`mail-${m.status}`}>
                <td>{when.format(new Date(m.createdAt))}</td>
                <td>{kind(m)}</td>
                <td>{m.to}</td>
                <td>{m.subject}</td>
                <td>
                  {t(`admin.mail.status.${m.status}` as MessageKey)}
                  {m.status !== 'sent' && m.attempts > 0 && <> · {t('admin.mail.attempts', { count: m.attempts })}</>}
                  {m.lastError && m.status !== 'sent' && <div className="mail-error">{m.lastError}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

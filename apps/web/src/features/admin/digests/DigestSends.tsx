import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { dueParts } from '../../../lib/digest-schedule-text.ts'
import { digestSendsQuery } from './digests.queries.ts'
import type { SendsFilter } from './digests.queries.ts'
import { SendState } from './SendState.tsx'

/** The latest digests sent (people's and webhooks'), newest first, or only the failures. */
export function DigestSends({ timeZone, scopeNames }: { timeZone: string; scopeNames: Map<string, string> }) {
  const t = useT()
  const { locale } = useLocale()
  const [filter, setFilter] = useState<SendsFilter>('all')
  const sends = useQuery(digestSendsQuery(filter))
  return (
    <section aria-labelledby="digests-sends-title" className="digests-sends">
      <h2 id="digests-sends-title">{t('admin.digests.sendsTitle')}</h2>
      <div className="field inline">
        <label htmlFor="digests-sends-filter">{t('admin.digests.show')}</label>
        <select id="digests-sends-filter" value={filter} onChange={(e) => setFilter(e.target.value as SendsFilter)}>
          <option value="all">{t('admin.digests.showAll')}</option>
          <option value="failed">{t('admin.digests.showFailed')}</option>
        </select>
      </div>
      {sends.isPending ? (
        <p>{t('common.loading')}</p>
      ) : sends.isError ? (
        <p role="alert">{t('common.error', { message: sends.error.message })}</p>
      ) : sends.data.items.length === 0 ? (
        <p>{t(filter === 'failed' ? 'admin.digests.noFailures' : 'admin.digests.noSends')}</p>
      ) : (
        <table className="data-table digests-table" aria-labelledby="digests-sends-title">
          <thead>
            <tr>
              <th scope="col">{t('admin.digests.due')}</th>
              <th scope="col">{t('admin.digests.recipient')}</th>
              <th scope="col">{t('admin.digests.channel')}</th>
              <th scope="col">{t('admin.digests.about')}</th>
              <th scope="col">{t('admin.digests.state')}</th>
            </tr>
          </thead>
          <tbody>
            {sends.data.items.map((send) => (
              <tr key={send.id} data-error={send.status === 'failed' || send.handoff?.status === 'failed'}>
                <td data-label={t('admin.digests.due')}>
                  {t('admin.digests.at', dueParts(locale, send.dueAt, timeZone))}
                </td>
                <th scope="row" data-label={t('admin.digests.recipient')}>
                  {send.recipient.name}
                </th>
                <td data-label={t('admin.digests.channel')}>{t(`admin.digests.channel.${send.channel}`)}</td>
                <td data-label={t('admin.digests.about')}>
                  {scopeNames.get(send.scope) ?? send.scope} · {t(`period.${send.period}`)}
                </td>
                <td data-label={t('admin.digests.state')}>
                  <SendState send={send} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

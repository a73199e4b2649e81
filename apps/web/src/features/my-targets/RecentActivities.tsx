import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { codeLabel } from '../../i18n/code-labels.ts'
import { INTL_LOCALE } from '../../i18n/format.ts'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import { dashboardKeys } from '../../lib/figures/dashboard.queries.ts'
import { activityKeys, deleteActivity, recentActivitiesQuery } from './activities.queries.ts'

const WEEK_MS = 7 * 24 * 60 * 60 * 1000

/**
 * "My recent activities": the person's own last 10 of the past 7 days, each with a delete, so one logged by
 * mistake (or twice) is undone after the toast has gone. Only one's own: the API lets the owner (or an admin)
 * delete an activity.
 */
export function RecentActivities({ userId, timeZone }: { userId: number; timeZone: string }) {
  const t = useT()
  const { locale } = useLocale()
  const queryClient = useQueryClient()
  // Fixed for the page's life, so the query key (and the list) stays put while the page is open.
  const [since] = useState(() => new Date(Date.now() - WEEK_MS).toISOString())
  const query = useQuery(recentActivitiesQuery(userId, since))
  const remove = useMutation({
    mutationFn: deleteActivity,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: dashboardKeys.root }),
        queryClient.invalidateQueries({ queryKey: activityKeys.root }),
      ]),
  })
  const when = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  })
  const items = query.data?.items ?? []
  return (
    <section className="panel recent-activities" aria-labelledby="recent-activities">
      <h2 id="recent-activities">{t('myTargets.recent')}</h2>
      {query.isError ? (
        <p role="alert">{t('common.error', { message: query.error.message })}</p>
      ) : query.isPending ? (
        <p className="page-loading">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty-state">{t('myTargets.recentEmpty')}</p>
      ) : (
        <table className="data-table" aria-labelledby="recent-activities">
          <thead>
            <tr>
              <th scope="col">{t('myTargets.recentWhen')}</th>
              <th scope="col">{t('myTargets.recentType')}</th>
              <th scope="col" aria-label={t('myTargets.delete')} />
            </tr>
          </thead>
          <tbody>
            {items.map((activity) => {
              const time = when.format(new Date(activity.occurredAt))
              const type = codeLabel(t, 'activityType', activity.type)
              return (
                <tr key={activity.id}>
                  <td>{time}</td>
                  <td>{type}</td>
                  <td>
                    <button
                      type="button"
                      disabled={remove.isPending}
                      aria-label={t('myTargets.deleteLabel', { type, when: time })}
                      onClick={() => remove.mutate(activity.id)}
                    >
                      {t('myTargets.delete')}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {remove.isError && <p role="alert">{remove.error.message}</p>}
    </section>
  )
}

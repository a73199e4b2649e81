import { useQuery } from '@tanstack/react-query'
import { useT } from '../../../i18n/i18n.tsx'
import { timeZonePreviewQuery } from './settings.queries.ts'

/** True for a zone this browser knows (IANA); a half-typed "Europe/Ams" is not asked about. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.includes('/') || zone === 'UTC'
  } catch {
    return false
  }
}

/**
 * Before Save, what a new time zone moves: dates entered without a time keep their calendar day, moments entered
 * with a time keep their moment and some show on another day (decision 29). Shown as soon as another zone is typed.
 */
export function TimeZoneChange({ id, from, to }: { id: string; from: string; to: string }) {
  const t = useT()
  const asked = to !== from && isTimeZone(to)
  const preview = useQuery({ ...timeZonePreviewQuery(to), enabled: asked })
  if (!asked) return null
  return (
    <div className="field-hint time-zone-change" id={id} role="status">
      {preview.data ? (
        <>
          <p>{t('admin.settings.tzChange', { from: preview.data.from, to: preview.data.to })}</p>
          <p>{t('admin.settings.tzCalendarDates', { count: preview.data.calendarDates })}</p>
          <p>
            {t('admin.settings.tzTimedInstants', {
              count: preview.data.timedInstants,
              changing: preview.data.timedInstantsChangingDay,
            })}
          </p>
        </>
      ) : (
        <p>{t(preview.isError ? 'admin.settings.tzPreviewFailed' : 'admin.settings.tzCounting')}</p>
      )}
    </div>
  )
}

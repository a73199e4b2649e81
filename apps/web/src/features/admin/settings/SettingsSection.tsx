import { useQuery } from '@tanstack/react-query'
import { useT } from '../../../i18n/i18n.tsx'
import { HolidaysForm } from './HolidaysForm.tsx'
import { holidaysQuery, settingsQuery } from './settings.queries.ts'
import { SettingsForm } from './SettingsForm.tsx'

export function SettingsSection() {
  const t = useT()
  const settings = useQuery(settingsQuery())
  const holidays = useQuery(holidaysQuery())
  if (settings.isPending || holidays.isPending) return <p>{t('common.loading')}</p>
  if (settings.isError || holidays.isError) return <p role="alert">{t('common.error', { message: 'settings' })}</p>
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t('admin.tab.settings')}</h2>
      <SettingsForm initial={settings.data} />
      <HolidaysForm initial={holidays.data} />
    </section>
  )
}

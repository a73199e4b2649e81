import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { DEFAULT_TIME_ZONE } from '../../../i18n/format.ts'
import { useT } from '../../../i18n/i18n.tsx'
import { useMe } from '../../../lib/session/auth.queries.ts'
import { settingsQuery } from '../settings/settings.queries.ts'
import { DigestRecipients } from './DigestRecipients.tsx'
import { DigestSends } from './DigestSends.tsx'
import { digestOverviewQuery, digestsKeys, runDigests } from './digests.queries.ts'
import { DigestsSwitch } from './DigestsSwitch.tsx'
import '../../../components/admin-area/admin.css'
import './digests.css'

/** Lazy-loaded page (/admin/digests), admins only: the switch, who gets what, and what was sent or failed. */
export default function DigestsPage() {
  const t = useT()
  const timeZone = useMe()?.organization.timeZone ?? DEFAULT_TIME_ZONE
  const settings = useQuery(settingsQuery())
  const overview = useQuery(digestOverviewQuery())
  const client = useQueryClient()
  const runDue = useMutation({
    mutationFn: () => runDigests(),
    onSuccess: () => client.invalidateQueries({ queryKey: digestsKeys.root }),
  })
  const scopeNames = new Map((overview.data?.recipients ?? []).map((r) => [r.scope, r.scopeName]))

  return (
    <div className="admin digests-admin">
      <div className="page-head">
        <div>
          <h1>{t('admin.digests.title')}</h1>
          <p className="page-sub">
            <Link to="/admin">{t('admin.title')}</Link>
          </p>
        </div>
      </div>
      <p>{t('admin.digests.intro', { timeZone })}</p>
      {settings.isSuccess && <DigestsSwitch key={settings.data.version} initial={settings.data} />}
      {settings.isError && <p role="alert">{t('common.error', { message: settings.error.message })}</p>}
      {overview.isPending ? (
        <p>{t('common.loading')}</p>
      ) : overview.isError ? (
        <p role="alert">{t('common.error', { message: overview.error.message })}</p>
      ) : (
        <section aria-labelledby="digests-recipients-title">
          <h2 id="digests-recipients-title">{t('admin.digests.recipientsTitle')}</h2>
          {!overview.data.enabled && <p className="notice">{t('admin.digests.off')}</p>}
          {!overview.data.mailEnabled && <p className="notice mail-off">{t('admin.digests.noMail')}</p>}
          {overview.data.failedLast7Days > 0 && (
            <p className="digests-failed" role="alert">
              {t('admin.digests.failedCount', { count: overview.data.failedLast7Days })}
            </p>
          )}
          <div className="form-actions">
            <button type="button" onClick={() => runDue.mutate()} disabled={runDue.isPending}>
              {t('admin.digests.runDue')}
            </button>
            {runDue.data && <span role="status">{t('admin.digests.runDone', { count: runDue.data.queued })}</span>}
            {runDue.error && (
              <span className="field-error" role="alert">
                {t('common.error', { message: runDue.error.message })}
              </span>
            )}
          </div>
          <DigestRecipients recipients={overview.data.recipients} timeZone={timeZone} />
        </section>
      )}
      <DigestSends timeZone={timeZone} scopeNames={scopeNames} />
    </div>
  )
}

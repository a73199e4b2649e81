import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { DEFAULT_TIME_ZONE } from '../../i18n/format.ts'
import { useT } from '../../i18n/i18n.tsx'
import { useMe } from '../../lib/session/auth.queries.ts'
import { digestKeys, digestQuery, saveDigest } from './digest.queries.ts'
import { DigestForm } from './DigestForm.tsx'
import { TestDigestButton } from './TestDigestButton.tsx'
import '../../components/admin-area/admin.css'
import './digest.css'

/**
 * E-mail digest (/me/digest), every role: how often the dashboard comes to this person by e-mail, about which
 * scope and period, and "Send me a test". Lazy-loaded: most visits to the app never open it.
 */
export default function DigestPage() {
  const t = useT()
  const me = useMe()
  const digest = useQuery(digestQuery())
  const queryClient = useQueryClient()
  // Here rather than in the form: the form is remounted from the stored choice after a save, its outcome stays.
  const save = useMutation({
    mutationFn: saveDigest,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: digestKeys.root }),
  })
  return (
    <section className="admin digest-page" aria-labelledby="digest-title">
      <h1 id="digest-title">{t('digest.title')}</h1>
      <p className="page-sub">{t('digest.intro')}</p>
      {digest.isPending ? (
        <p>{t('common.loading')}</p>
      ) : digest.isError ? (
        <p role="alert">{t('common.error', { message: digest.error.message })}</p>
      ) : (
        <>
          {!digest.data.organizationEnabled && (
            <p className="notice digest-org-off" role="status">
              {t('digest.organizationOff')}
            </p>
          )}
          {/* Keyed by the stored choice: after a save (or a change elsewhere) the form starts from what is stored. */}
          <DigestForm
            key={JSON.stringify(digest.data)}
            settings={digest.data}
            save={save}
            timeZone={me?.organization.timeZone ?? DEFAULT_TIME_ZONE}
          />
          <TestDigestButton email={me?.user.email ?? ''} />
        </>
      )}
    </section>
  )
}

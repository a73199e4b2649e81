import { Link } from '@tanstack/react-router'
import type { ErrorComponentProps, NotFoundRouteProps } from '@tanstack/react-router'
import { useT } from '../i18n/i18n.tsx'
import { isForbidden } from './guards.ts'

export function Loading() {
  const t = useT()
  return <p className="page-loading">{t('common.loading')}</p>
}

/** No page at this address, or (a guard's `notFound(FORBIDDEN)`) one that is not for the user's role. */
export function NotFound({ data }: NotFoundRouteProps) {
  const t = useT()
  if (isForbidden(data)) return <Explained title={t('forbidden.title')} body={t('forbidden.body')} />
  return <Explained title={t('notFound.title')} body={t('notFound.body')} />
}

/** A page failed: a render error, or its lazy chunk is gone (after a deploy). The shell stays usable. */
export function RouteError({ error }: ErrorComponentProps) {
  console.warn('Page failed to render', error)
  return <PageError message={error instanceof Error ? error.message : String(error)} />
}

export function PageError({ message }: { message: string }) {
  const t = useT()
  return (
    <div className="page-error" role="alert">
      <p>{t('common.error', { message })}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('common.retry')}
      </button>
    </div>
  )
}

function Explained({ title, body }: { title: string; body: string }) {
  const t = useT()
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        <p className="page-sub">{body}</p>
        <p>
          <Link to="/">{t('notFound.home')}</Link>
        </p>
      </div>
    </div>
  )
}

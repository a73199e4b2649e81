import { useT } from '../../i18n/i18n.tsx'
import { ApiError } from '../../lib/http.ts'
import { Link } from '@tanstack/react-router'

/**
 * Why figures could not be shown: a scope the person may not see (403, or 404 for another organisation's) with a
 * way home, or the error's own message.
 */
export function FiguresError({ error }: { error: Error }) {
  const t = useT()
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    return (
      <div className="page-error" role="alert">
        <p>{t('dashboard.forbidden')}</p>
        <Link to="/">{t('notFound.home')}</Link>
      </div>
    )
  }
  return (
    <div className="page-error" role="alert">
      <p>{t('common.error', { message: error.message })}</p>
    </div>
  )
}

import { useT } from '../../i18n/i18n.tsx'
import { Link, hrefFor } from '../../router.tsx'

/** Placeholder, lazy-loaded: admin screens are heavy and only admins need them. */
export default function AdminPage() {
  const t = useT()
  return (
    <div className="page-head">
      <div>
        <h1>{t('admin.title')}</h1>
        <p className="page-sub">{t('admin.placeholder')}</p>
        <p>
          <Link to={hrefFor({ name: 'import' })}>{t('nav.import')}</Link>
        </p>
      </div>
    </div>
  )
}

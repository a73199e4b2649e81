import { Link } from '@tanstack/react-router'
import { useT } from '../../../i18n/i18n.tsx'
import { ProductsSection } from './ProductsSection.tsx'
import '../../../components/admin-area/admin.css'

/** Lazy-loaded page (/admin/products): only admins keep the catalogue. */
export default function ProductsPage() {
  const t = useT()
  return (
    <div className="admin">
      <div className="page-head">
        <div>
          <h1>{t('admin.products.title')}</h1>
          <p className="page-sub">
            <Link to="/admin">{t('admin.title')}</Link>
          </p>
        </div>
      </div>
      <ProductsSection />
    </div>
  )
}

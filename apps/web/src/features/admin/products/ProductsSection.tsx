import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import { ProductForm } from './ProductForm.tsx'
import { deleteProduct, productQueries } from './products.queries.ts'
import type { ProductOut } from '@kpi/contract/products'
import './products.css'

const matches = (product: ProductOut, search: string) => {
  const wanted = search.trim().toLowerCase()
  return [product.name, product.category, ...product.aliases].some((text) => text.toLowerCase().includes(wanted))
}

/** The catalogue: search by name, category or alias; add, edit (one form at a time) and delete. */
export function ProductsSection() {
  const t = useT()
  const { locale } = useLocale()
  const client = useQueryClient()
  const { data, error, isPending } = useQuery(productQueries.list())
  const [search, setSearch] = useState('')
  // null: no form; 'new': the add form; a product: its edit form.
  const [editing, setEditing] = useState<ProductOut | 'new' | null>(null)
  const removal = useMutation({
    mutationFn: (product: ProductOut) => deleteProduct(product.id, product.version),
    onSettled: () => client.invalidateQueries({ queryKey: productQueries.all() }),
  })
  const price = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 2 })

  if (isPending) return <p>{t('common.loading')}</p>
  if (error) return <p role="alert">{t('common.error', { message: error.message })}</p>
  const shown = data.products.filter((product) => matches(product, search))
  return (
    <section className="products" aria-labelledby="products-title">
      <div className="products-bar">
        <div className="field">
          <label htmlFor="product-search">{t('admin.products.search')}</label>
          <input id="product-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('admin.products.add')}
        </button>
      </div>
      {editing !== null && (
        <ProductForm
          key={editing === 'new' ? 'new' : editing.id}
          {...(editing === 'new' ? {} : { product: editing })}
          onDone={() => setEditing(null)}
        />
      )}
      {removal.error && (
        <p className="page-error" role="alert">
          {removal.error.message}
        </p>
      )}
      <h2 id="products-title">{t('admin.products.count', { count: shown.length })}</h2>
      {shown.length === 0 ? (
        <p>{t(search.trim() === '' ? 'admin.products.empty' : 'admin.products.noMatch')}</p>
      ) : (
        <ul className="product-list">
          {shown.map((product) => (
            <li key={product.id} className="product-card">
              <div className="product-main">
                <strong>{product.name}</strong>
                <span className="product-category">{product.category}</span>
                <span className="product-price">
                  {product.listPrice === null ? '—' : price.format(Number(product.listPrice))}
                </span>
              </div>
              {product.aliases.length > 0 && (
                <ul className="chips" aria-label={t('admin.products.aliasesOf', { name: product.name })}>
                  {product.aliases.map((alias) => (
                    <li key={alias} className="chip">
                      {alias}
                    </li>
                  ))}
                </ul>
              )}
              <div className="product-actions">
                <button
                  type="button"
                  aria-label={t('admin.products.editOne', { name: product.name })}
                  onClick={() => setEditing(product)}
                >
                  {t('admin.products.editButton')}
                </button>
                <button
                  type="button"
                  aria-label={t('admin.products.deleteOne', { name: product.name })}
                  disabled={removal.isPending}
                  onClick={() => removal.mutate(product)}
                >
                  {t('admin.products.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

import { useForm, useStore } from '@tanstack/react-form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useT } from '../../../i18n/i18n.tsx'
import { apiFieldErrors, useFieldWords } from '../../../lib/field-errors.ts'
import { describedBy, FieldError } from '../FieldError.tsx'
import { AliasChips } from './AliasChips.tsx'
import { createProduct, productQueries, updateProduct, type ProductDraft } from './products.queries.ts'
import type { ProductOut } from '@kpi/contract/products'

/** Adds a product (no `product`) or edits one at the version it was read; closes on success. */
export function ProductForm({ product, onDone }: { product?: ProductOut; onDone: () => void }) {
  const t = useT()
  const client = useQueryClient()
  const mutation = useMutation({
    mutationFn: (draft: ProductDraft) =>
      product ? updateProduct(product.id, { ...draft, version: product.version }) : createProduct(draft),
    // A stale version (409) means someone else saved: the list is reloaded either way.
    onSettled: () => client.invalidateQueries({ queryKey: productQueries.all() }),
  })
  const form = useForm({
    defaultValues: {
      name: product?.name ?? '',
      category: product?.category ?? '',
      listPrice: product?.listPrice ?? '',
      aliases: product?.aliases ?? [],
    },
    onSubmit: async ({ value }) => {
      const price = value.listPrice.trim().replace(',', '.')
      const saved = await mutation.mutateAsync({ ...value, listPrice: price === '' ? null : price }).then(
        () => true,
        () => false,
      )
      if (saved) onDone()
    },
  })
  const draft = useStore(form.store, (state) => state.values)
  const words = useFieldWords()
  const errors = apiFieldErrors(mutation.error, words)
  const text = (name: 'name' | 'category' | 'listPrice', required: boolean) => (
    <div className="field">
      <label htmlFor={`product-${name}`}>{t(`admin.products.${name}`)}</label>
      <input
        id={`product-${name}`}
        required={required}
        inputMode={name === 'listPrice' ? 'decimal' : undefined}
        value={draft[name]}
        {...describedBy(`product-${name}-error`, errors[name])}
        onChange={(e) => form.setFieldValue(name, e.target.value)}
      />
      <FieldError id={`product-${name}-error`} message={errors[name]} />
    </div>
  )
  const title = product ? t('admin.products.edit', { name: product.name }) : t('admin.products.add')
  return (
    <form
      className="admin-form product-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <h2>{title}</h2>
      {text('name', true)}
      {text('category', true)}
      {text('listPrice', false)}
      <AliasChips
        aliases={draft.aliases}
        invalid={errors['aliases'] !== undefined}
        onChange={(aliases) => form.setFieldValue('aliases', aliases)}
      />
      <FieldError id="product-aliases-error" message={errors['aliases']} />
      {(errors['form'] ?? errors['version']) && <p className="field-error">{errors['form'] ?? errors['version']}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {t('admin.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('admin.products.cancel')}
        </button>
      </div>
    </form>
  )
}

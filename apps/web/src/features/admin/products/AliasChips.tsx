import { useState } from 'react'
import { useT } from '../../../i18n/i18n.tsx'

/**
 * The aliases as chips: type one and press Enter (or Add); × removes it. Chips, not a comma list, because a
 * product's other spelling may itself hold a comma.
 */
export function AliasChips({
  aliases,
  onChange,
  invalid,
}: {
  aliases: string[]
  onChange: (aliases: string[]) => void
  invalid: boolean
}) {
  const t = useT()
  const [typed, setTyped] = useState('')
  const add = () => {
    const alias = typed.trim()
    if (alias !== '' && !aliases.some((a) => a.toLowerCase() === alias.toLowerCase())) onChange([...aliases, alias])
    setTyped('')
  }
  return (
    <div className="field">
      <span className="field-label">{t('admin.products.aliases')}</span>
      {aliases.length > 0 && (
        <ul className="chips" aria-label={t('admin.products.aliases')}>
          {aliases.map((alias) => (
            <li key={alias} className="chip">
              {alias}
              <button
                type="button"
                aria-label={t('admin.products.removeAlias', { alias })}
                onClick={() => onChange(aliases.filter((a) => a !== alias))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor="product-alias">{t('admin.products.newAlias')}</label>
      <div className="chip-input">
        <input
          id="product-alias"
          value={typed}
          aria-invalid={invalid}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return
            e.preventDefault()
            add()
          }}
        />
        <button type="button" onClick={add}>
          {t('admin.products.addAlias')}
        </button>
      </div>
      <p className="field-hint">{t('admin.products.aliasesHint')}</p>
    </div>
  )
}

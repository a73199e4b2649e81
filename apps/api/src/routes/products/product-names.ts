// One rule for the products API and the products import: within an organisation every name and every alias is
// unique, case-insensitively, across both ("GTXPro" may not be one product's alias and another's name), so an
// import that meets "GTXPro" finds exactly one product.

/** A product as the rule sees it; `key` is its id, or (in an import) the file row that creates it. */
export type NamedProduct = { key: string; name: string; aliases: readonly string[] }

/** A broken rule: `field` is `name` or `aliases.<index>`; `taken` when another product holds the spelling. */
export type NameClash = { field: string; message: { en: string; nl: string }; taken: boolean }

const fold = (text: string) => text.toLowerCase()

/** The clashes of `product` with itself and with `others` (every other product of the organisation). */
export function nameClashes(product: NamedProduct, others: Iterable<NamedProduct>): NameClash[] {
  const holder = new Map<string, { name: string; asAlias: boolean }>()
  for (const other of others) {
    if (other.key === product.key) continue
    holder.set(fold(other.name), { name: other.name, asAlias: false })
    for (const alias of other.aliases) holder.set(fold(alias), { name: other.name, asAlias: true })
  }
  const clashes: NameClash[] = []
  const taken = (field: string, spelling: string) => {
    const other = holder.get(fold(spelling))
    if (!other) return false
    const message = other.asAlias
      ? {
          en: `"${spelling}" is already an alias of "${other.name}"`,
          nl: `"${spelling}" is al een alias van "${other.name}"`,
        }
      : {
          en: `"${spelling}" is already the name of another product`,
          nl: `"${spelling}" is al de naam van een ander product`,
        }
    clashes.push({ field, message, taken: true })
    return true
  }
  taken('name', product.name)
  const seen = new Set([fold(product.name)])
  product.aliases.forEach((alias, i) => {
    const field = `aliases.${i}`
    if (seen.has(fold(alias))) {
      const same = fold(alias) === fold(product.name)
      const message = same
        ? { en: `"${alias}" is the product's own name`, nl: `"${alias}" is de naam van het product zelf` }
        : { en: `"${alias}" is listed twice`, nl: `"${alias}" staat er twee keer in` }
      clashes.push({ field, message, taken: false })
      return
    }
    seen.add(fold(alias))
    taken(field, alias)
  })
  return clashes
}

import type pg from 'pg'
import { HttpError } from '../../http-errors.ts'
import { nameClashes, type NamedProduct } from './product-names.ts'

export type Client = Pick<pg.Pool, 'query'>

/** First key of the two-int advisory lock on an organisation's catalogue; the second is the organisation id. */
export const CATALOGUE_LOCK_KEY = 0x6b707072 // 'kppr'

/**
 * Serialises the organisation's product writes (API and import) for the rest of the transaction: the
 * case-insensitive name rule is checked by reading, and two writers must not both pass it.
 */
export async function lockCatalogue(client: Client, organizationId: number): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [CATALOGUE_LOCK_KEY, organizationId])
}

/** Every product of the organisation with its aliases, as the name rule reads them. */
export async function loadCatalogue(client: Client, organizationId: number): Promise<NamedProduct[]> {
  const { rows } = await client.query<{ id: number; name: string; aliases: string[] }>(
    `SELECT p.id, p.name, COALESCE(array_agg(a.alias) FILTER (WHERE a.alias IS NOT NULL), '{}') AS aliases
       FROM products p LEFT JOIN product_aliases a ON a.product_id = p.id
      WHERE p.organization_id = $1 GROUP BY p.id`,
    [organizationId],
  )
  return rows.map((row) => ({ key: String(row.id), name: row.name, aliases: row.aliases }))
}

/** The API's check: the first clash is a 409 (taken by another product) or a 400 (the body contradicts itself). */
export async function checkProductNames(
  client: Client,
  organizationId: number,
  id: number | null,
  input: { name: string; aliases: readonly string[]; field: string },
): Promise<void> {
  const product = { key: id === null ? 'new' : String(id), name: input.name, aliases: input.aliases }
  const [clash] = nameClashes(product, await loadCatalogue(client, organizationId))
  if (clash)
    throw new HttpError(
      clash.taken ? 'conflict' : 'validation_failed',
      clash.message.en,
      `${input.field}.${clash.field}`,
    )
}

/** Makes `aliases` the product's aliases (after checkProductNames). */
export async function replaceAliases(client: Client, organizationId: number, productId: number, aliases: string[]) {
  await client.query('DELETE FROM product_aliases WHERE product_id = $1', [productId])
  if (aliases.length === 0) return
  await client.query(
    `INSERT INTO product_aliases (organization_id, product_id, alias) SELECT $1, $2, unnest($3::text[])`,
    [organizationId, productId, aliases],
  )
}

import { describeFields } from './field-labels.ts'
import { z } from 'zod'
import { PlainText } from '@kpi/contract/text'
import { Money, Text } from '../records/fields.ts'
import { CATALOGUE_LOCK_KEY, loadCatalogue } from '../routes/products/product-names.db.ts'
import { HttpError } from '../http-errors.ts'
import { nameClashes, type NamedProduct } from '../routes/products/product-names.ts'
import type { Importer } from './importer.ts'
import { arrayLiteral, type RunSql, type UpsertCounts } from './upsert.db.ts'

/** The separators of the `aliases` cell: `GTXPro | GTX-Pro` or `GTXPro; GTX-Pro` (a `,` is too common in names). */
export const ALIAS_SEPARATOR = /[|;]/

const Aliases = PlainText.transform((cell) =>
  cell
    .split(ALIAS_SEPARATOR)
    .map((alias) => alias.trim())
    .filter((alias) => alias !== ''),
).pipe(z.array(z.string().max(200, 'an alias is at most 200 characters')).max(50, 'at most 50 aliases per product'))

const ProductRow = z.object({
  externalId: Text(100).nullish(),
  name: Text(200),
  category: Text(100),
  listPrice: Money.nullish(),
  aliases: Aliases.nullish(),
})
type ProductRow = z.infer<typeof ProductRow>

/** A prepared row: [stored id | null, externalId, name, category, listPrice, aliases]. */
type Values = [number | null, string | null, string, string, string | null, string[]]

const fold = (text: string) => text.toLowerCase()

/**
 * Products from a file: name and category required, list price and aliases optional. A row updates the product
 * with its external id, else the one with its name (case-insensitive); otherwise it adds one. A row's aliases
 * replace the product's (an empty cell: none). Names and aliases follow the API's rule (product-names.ts), checked
 * against the catalogue as the file leaves it. Admins only (importers.ts mayImport).
 */
export const productImporter: Importer = {
  entity: 'products',
  fields: describeFields([
    { name: 'externalId', kind: 'text', required: false },
    { name: 'name', kind: 'text', required: true },
    { name: 'category', kind: 'text', required: true },
    { name: 'listPrice', kind: 'money', required: false },
    { name: 'aliases', kind: 'text', required: false },
  ]),
  rowSchema: ProductRow,
  // Repeated names are caught by the name rule in `prepare`, two rows for one stored product there too.
  keyField: 'externalId',
  // Described for completeness; `write` below writes products and their aliases itself (two keys, two tables).
  table: 'products',
  columns: [
    { column: 'external_id', pgType: 'text' },
    { column: 'name', pgType: 'text' },
    { column: 'category', pgType: 'text' },
    { column: 'list_price', pgType: 'numeric' },
  ],
  conflict: '(organization_id, external_id)',
  async prepare(ctx, rows) {
    const org = ctx.actor.organizationId
    const { rows: stored } = await ctx.pool.query<{ id: number; external_id: string | null; name: string }>(
      'SELECT id, external_id, name FROM products WHERE organization_id = $1',
      [org],
    )
    const byExternalId = new Map(stored.flatMap((p) => (p.external_id === null ? [] : [[p.external_id, p] as const])))
    const byName = new Map(stored.map((p) => [fold(p.name), p]))
    // The catalogue as this batch leaves it: stored products, the file's rows replacing the ones they update.
    const catalogue = new Map((await loadCatalogue(ctx.pool, org)).map((p) => [p.key, p]))
    const claimed = new Map<number, number>()
    const prepared = rows.map(({ row, data }) => {
      const product = data as ProductRow
      const externalId = product.externalId ?? null
      const named = byName.get(fold(product.name))
      let match = externalId === null ? undefined : byExternalId.get(externalId)
      if (!match && named && (named.external_id === null || externalId === null)) match = named
      const first = match && claimed.get(match.id)
      if (first) ctx.error(row, 'name', `"${product.name}" is the product of row ${first} too`, product.name)
      if (match) claimed.set(match.id, row)
      const entry: NamedProduct = {
        key: match ? String(match.id) : `row ${row}`,
        name: product.name,
        aliases: product.aliases ?? [],
      }
      catalogue.set(entry.key, entry)
      const values: Values = [
        match?.id ?? null,
        externalId ?? match?.external_id ?? null,
        product.name,
        product.category,
        product.listPrice ?? null,
        [...entry.aliases],
      ]
      return { row, entry, values }
    })
    for (const { row, entry } of prepared)
      for (const clash of nameClashes(entry, catalogue.values())) {
        const field = clash.field === 'name' ? 'name' : 'aliases'
        const value = clash.field === 'name' ? entry.name : entry.aliases[Number(clash.field.split('.')[1])]
        ctx.error(row, field, clash.message, value)
      }
    return prepared.map(({ values }) => values)
  },
  write: writeProducts,
}

/**
 * Writes one batch inside the import's transaction: updates (only rows that differ), inserts, then each
 * product's aliases made equal to the row's. Counts a product as updated when its row or its aliases changed.
 */
async function writeProducts(run: RunSql, _importer: Importer, actor: { organizationId: number }, batch: unknown[][]) {
  const org = actor.organizationId
  const rows = batch as Values[]
  // Selected as a constant: Prisma's raw query cannot read the function's `void`.
  await run('SELECT 1 AS held FROM pg_advisory_xact_lock($1, $2)', [CATALOGUE_LOCK_KEY, org])
  const column = (i: number, of: Values[]) => arrayLiteral(of, i)
  const stored = rows.filter((r) => r[0] !== null)
  const fresh = rows.filter((r) => r[0] === null)
  const changed = new Set(
    (
      await run<{ id: number }>(
        `UPDATE products p SET external_id = u.external_id, name = u.name, category = u.category,
                list_price = u.list_price, version = p.version + 1
           FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[])
                AS u(id, external_id, name, category, list_price)
          WHERE p.organization_id = $1 AND p.id = u.id
            AND (p.external_id, p.name, p.category, p.list_price)
                IS DISTINCT FROM (u.external_id, u.name, u.category, u.list_price)
        RETURNING p.id`,
        [org, ...[0, 1, 2, 3, 4].map((i) => column(i, stored))],
      )
    ).map((r) => r.id),
  )
  const inserted = await run<{ id: number; name: string }>(
    `INSERT INTO products (organization_id, external_id, name, category, list_price)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[]) RETURNING id, name`,
    [org, ...[1, 2, 3, 4].map((i) => column(i, fresh))],
  )
  const idOfName = new Map(inserted.map((r) => [r.name, r.id]))
  for (const row of fresh) row[0] = idOfName.get(row[2])!
  // Aliases: one row per (product, alias) wanted; delete the others of these products, add the missing ones.
  const wanted = rows.flatMap((r) => r[5].map((alias) => [r[0], alias]))
  const ids = arrayLiteral(rows, 0)
  const removed = await run<{ product_id: number }>(
    `DELETE FROM product_aliases a WHERE a.product_id = ANY($1::int[])
        AND (a.product_id, a.alias) NOT IN (SELECT * FROM unnest($2::int[], $3::text[]))
     RETURNING a.product_id`,
    [ids, arrayLiteral(wanted, 0), arrayLiteral(wanted, 1)],
  )
  const added = await run<{ product_id: number }>(
    `INSERT INTO product_aliases (organization_id, product_id, alias)
     SELECT $1, * FROM unnest($2::int[], $3::text[]) ON CONFLICT (organization_id, alias) DO NOTHING
     RETURNING product_id`,
    [org, arrayLiteral(wanted, 0), arrayLiteral(wanted, 1)],
  )
  // A product whose aliases alone changed is a new version too: an edit form opened before the import is stale.
  const aliasesOnly = [...new Set([...removed, ...added].map((r) => r.product_id))].filter((id) => !changed.has(id))
  if (aliasesOnly.length > 0)
    await run('UPDATE products SET version = version + 1 WHERE id = ANY($1::int[]) RETURNING id', [
      `{${aliasesOnly.join(',')}}`,
    ])
  for (const id of aliasesOnly) changed.add(id)
  await refuseClashes(run, org, wanted)
  const newIds = new Set(inserted.map((r) => r.id))
  const updated = [...changed].filter((id) => !newIds.has(id)).length
  const counts: UpsertCounts = {
    inserted: inserted.length,
    updated,
    unchanged: rows.length - inserted.length - updated,
  }
  return counts
}

/**
 * `prepare` checks each batch against the catalogue; this catches what only two batches together break (a file
 * of more than 500 products): every spelling once, and every alias of the file on its own product.
 */
async function refuseClashes(run: RunSql, org: number, wanted: unknown[][]) {
  const [clash] = await run<{ spelling: string }>(
    `SELECT s.spelling FROM (
       SELECT lower(name) AS spelling FROM products WHERE organization_id = $1
       UNION ALL SELECT lower(alias) FROM product_aliases WHERE organization_id = $1) s
     GROUP BY s.spelling HAVING count(*) > 1 LIMIT 1`,
    [org],
  )
  const [held] = await run<{ n: number }>(
    `SELECT count(*)::int AS n FROM product_aliases a
       JOIN unnest($1::int[], $2::text[]) AS u(product_id, alias) ON a.product_id = u.product_id AND a.alias = u.alias`,
    [arrayLiteral(wanted, 0), arrayLiteral(wanted, 1)],
  )
  const spelling = clash?.spelling ?? (held!.n < wanted.length ? 'an alias' : null)
  if (spelling !== null)
    throw new HttpError('conflict', `"${spelling}" names two products in the file; nothing was imported`)
}

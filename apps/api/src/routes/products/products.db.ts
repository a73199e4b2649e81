import { inTransaction } from '@kpi/db/transaction'
import type pg from 'pg'
import { writeAuditSql } from '../../audit/audit.db.ts'
import type { AuthUser } from '../../auth/auth-user.ts'
import { HttpError } from '../../http-errors.ts'
import { VersionConflict } from '../settings/version-conflict.ts'
import { checkProductNames, lockCatalogue, replaceAliases, type Client } from './product-names.db.ts'
import type { CreateProductBody, ProductOut, UpdateProductBody } from '@kpi/contract/products'

// Products are written with SQL (decision 20): the name checks span two tables case-insensitively and need the
// catalogue lock of product-names.db.ts, which Prisma's model API cannot take.

const SELECT_PRODUCT = `SELECT p.id, p.external_id AS "externalId", p.name, p.category,
       p.list_price::text AS "listPrice", p.version,
       COALESCE((SELECT array_agg(a.alias ORDER BY a.alias) FROM product_aliases a WHERE a.product_id = p.id),
                '{}') AS aliases
  FROM products p`

/** Every product of the organisation, by name (case-insensitive): everyone signed in reads the catalogue. */
export async function listProducts(pool: pg.Pool, organizationId: number): Promise<ProductOut[]> {
  const { rows } = await pool.query<ProductOut>(
    `${SELECT_PRODUCT} WHERE p.organization_id = $1 ORDER BY lower(p.name), p.id`,
    [organizationId],
  )
  return rows
}

async function findProduct(client: Client, organizationId: number, id: number): Promise<ProductOut | null> {
  const { rows } = await client.query<ProductOut>(`${SELECT_PRODUCT} WHERE p.organization_id = $1 AND p.id = $2`, [
    organizationId,
    id,
  ])
  return rows[0] ?? null
}

export async function getProduct(pool: pg.Pool, organizationId: number, id: number): Promise<ProductOut> {
  const product = await findProduct(pool, organizationId, id)
  if (product === null) throw new HttpError('not_found', `product ${id} not found`)
  return product
}

const auditOf = (actor: AuthUser, action: string, id: number) => ({
  organizationId: actor.organizationId,
  actorId: actor.id,
  action,
  entity: 'product',
  entityId: id,
})

export async function createProduct(pool: pg.Pool, actor: AuthUser, input: CreateProductBody): Promise<ProductOut> {
  return inTransaction(pool, async (client) => {
    const org = actor.organizationId
    await lockCatalogue(client, org)
    await checkProductNames(client, org, null, { name: input.name, aliases: input.aliases, field: 'body' })
    await checkExternalId(client, org, null, input.externalId)
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO products (organization_id, external_id, name, category, list_price)
       VALUES ($1, $2, $3, $4, $5::numeric) RETURNING id`,
      [org, input.externalId, input.name, input.category, input.listPrice],
    )
    const id = rows[0]!.id
    await replaceAliases(client, org, id, input.aliases)
    const product = (await findProduct(client, org, id))!
    await writeAuditSql(client, { ...auditOf(actor, 'product.created', id), before: null, after: product })
    return product
  })
}

/** Applies an admin's change at the current `version`; else 409 version_conflict with the product as stored now. */
export async function updateProduct(
  pool: pg.Pool,
  actor: AuthUser,
  id: number,
  input: UpdateProductBody,
): Promise<ProductOut> {
  return inTransaction(pool, async (client) => {
    const org = actor.organizationId
    await lockCatalogue(client, org)
    const existing = await findProduct(client, org, id)
    if (existing === null) throw new HttpError('not_found', `product ${id} not found`)
    if (existing.version !== input.version) throw staleVersion(existing, input.version)
    const name = input.name ?? existing.name
    const aliases = input.aliases ?? existing.aliases
    await checkProductNames(client, org, id, { name, aliases, field: 'body' })
    if (input.externalId !== undefined) await checkExternalId(client, org, id, input.externalId)
    await client.query(
      `UPDATE products SET external_id = $3, name = $4, category = $5, list_price = $6::numeric,
              version = version + 1
        WHERE organization_id = $1 AND id = $2`,
      [
        org,
        id,
        input.externalId === undefined ? existing.externalId : input.externalId,
        name,
        input.category ?? existing.category,
        input.listPrice === undefined ? existing.listPrice : input.listPrice,
      ],
    )
    if (input.aliases !== undefined) await replaceAliases(client, org, id, input.aliases)
    const product = (await findProduct(client, org, id))!
    await writeAuditSql(client, { ...auditOf(actor, 'product.updated', id), before: existing, after: product })
    return product
  })
}

/**
 * Deletes a product no deal names (at the current `version`). A product in use is refused with 409 saying how
 * many deals name it: deleting it would silently take their revenue out of the product split (decision 30).
 */
export async function deleteProduct(pool: pg.Pool, actor: AuthUser, id: number, version: number): Promise<void> {
  await inTransaction(pool, async (client) => {
    const org = actor.organizationId
    await lockCatalogue(client, org)
    const existing = await findProduct(client, org, id)
    if (existing === null) throw new HttpError('not_found', `product ${id} not found`)
    if (existing.version !== version) throw staleVersion(existing, version, 'query.version')
    // Locked first: a deal being written with this product holds a key-share lock on it, so the count below
    // waits for it and sees it, and a later one waits for the delete (and then finds no product).
    await client.query('SELECT 1 FROM products WHERE id = $1 FOR UPDATE', [id])
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM deals WHERE organization_id = $1 AND product_id = $2',
      [org, id],
    )
    const deals = rows[0]!.n
    if (deals > 0)
      throw new HttpError(
        'conflict',
        `"${existing.name}" is used by ${deals} deal${deals === 1 ? '' : 's'}; it cannot be deleted ` +
          '(rename it, or add its name as an alias of the product that replaces it, after moving its deals)',
      )
    await client.query('DELETE FROM products WHERE organization_id = $1 AND id = $2', [org, id])
    await writeAuditSql(client, { ...auditOf(actor, 'product.deleted', id), before: existing, after: null })
  })
}

function staleVersion(current: ProductOut, sent: number, field = 'body.version'): VersionConflict {
  return new VersionConflict(
    `product ${current.id} was changed by someone else (version ${current.version}, you sent ${sent}); reload and retry`,
    current,
    field,
  )
}

/** An external id names one product of the organisation: 409 naming the product that has it. */
async function checkExternalId(client: Client, org: number, id: number | null, externalId: string | null) {
  if (externalId === null) return
  const { rows } = await client.query<{ name: string }>(
    'SELECT name FROM products WHERE organization_id = $1 AND external_id = $2 AND id IS DISTINCT FROM $3',
    [org, externalId, id],
  )
  if (rows[0])
    throw new HttpError('conflict', `"${rows[0].name}" already has the external id "${externalId}"`, 'body.externalId')
}

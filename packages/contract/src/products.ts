import { z } from 'zod'
import { IdParam, Version, VersionParam } from './id.ts'
import { PlainText } from './text.ts'

// The organisation's product catalogue (issue 17): what deals name, what the revenue split by product and by
// product type (category) reads. Aliases are the other spellings a CRM export uses ("GTXPro" for "GTX Pro").

/** At most this many aliases per product: a catalogue, not a spelling dictionary. */
export const MAX_ALIASES = 50

export const ProductParams = z.object({ id: IdParam })
export const DeleteProductQuery = z.object({ version: VersionParam })

const Name = PlainText.trim().min(1, 'must not be empty').max(200)
const Category = PlainText.trim().min(1, 'must not be empty').max(100)
const Alias = PlainText.trim().min(1, 'an alias must not be empty').max(200)
/** Money as a decimal string, like deals' amount: never a float on the way to numeric(14,2). */
export const ListPrice = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a decimal amount ≥ 0 with at most 2 decimals, e.g. "4821.00"')
  .describe('decimal string, e.g. "4821.00"; null when unknown')

export const ProductOut = z.object({
  id: z.number().int(),
  externalId: z.string().nullable(),
  name: z.string(),
  category: z.string(),
  listPrice: z.string().nullable().describe('decimal string with 2 decimals, null when unknown'),
  aliases: z.array(z.string()).describe('sorted'),
  version: z.number().int().describe('send it back with PATCH and DELETE; a stale one answers 409 version_conflict'),
})
export type ProductOut = z.infer<typeof ProductOut>

export const ProductList = z.object({ products: z.array(ProductOut) })
export const ProductResponse = z.object({ product: ProductOut })

const Aliases = z
  .array(Alias)
  .max(MAX_ALIASES, `at most ${MAX_ALIASES} aliases per product`)
  .describe('other spellings of the name in imported files; trimmed, unique per organisation')

export const CreateProductBody = z.object({
  externalId: PlainText.trim().min(1).max(100).nullable().default(null),
  name: Name,
  category: Category,
  listPrice: ListPrice.nullable().default(null),
  aliases: Aliases.default([]),
})
export type CreateProductBody = z.infer<typeof CreateProductBody>

export const UpdateProductBody = z.object({
  version: Version,
  externalId: PlainText.trim().min(1).max(100).nullable().optional(),
  name: Name.optional(),
  category: Category.optional(),
  listPrice: ListPrice.nullable().optional(),
  aliases: Aliases.optional().describe('replaces the product’s aliases'),
})
export type UpdateProductBody = z.infer<typeof UpdateProductBody>

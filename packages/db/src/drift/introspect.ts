import type pg from 'pg'
import type { ReferentialAction, SchemaShape, TableShape } from './schema-shape.ts'

// What the database actually has, read from pg_catalog (schema "public", without Prisma's own
// _prisma_migrations bookkeeping table), in the same shape as the expectation from schema.prisma.

const actions: Record<string, ReferentialAction> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
}

export async function introspectSchema(db: pg.Pool | pg.Client): Promise<SchemaShape> {
  const shape: SchemaShape = { enums: {}, tables: {} }
  const table = (name: string): TableShape => (shape.tables[name] ??= { columns: {}, indexes: {}, foreignKeys: {} })

  const enums = await db.query<{ name: string; labels: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE t.typnamespace = 'public'::regnamespace
     GROUP BY t.typname`)
  for (const row of enums.rows) shape.enums[row.name] = row.labels

  const columns = await db.query<{
    table: string
    column: string
    type: string
    nullable: boolean
    default: string | null
  }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
       AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'
     ORDER BY c.relname, a.attnum`)
  for (const row of columns.rows) {
    table(row.table).columns[row.column] = { type: row.type, nullable: row.nullable, default: row.default }
  }

  const indexes = await db.query<{
    table: string
    name: string
    unique: boolean
    primary: boolean
    columns: string[]
  }>(`
    SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
           array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                  ORDER BY k.ord)::text[] AS columns
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_class t ON t.oid = ix.indrelid
     WHERE t.relnamespace = 'public'::regnamespace AND t.relname <> '_prisma_migrations'`)
  for (const row of indexes.rows) {
    table(row.table).indexes[row.name] = { unique: row.unique, primary: row.primary, columns: row.columns }
  }

  const foreignKeys = await db.query<{
    table: string
    name: string
    columns: string[]
    referenced_table: string
    referenced_columns: string[]
    on_delete: string
    on_update: string
  }>(`
    SELECT t.relname AS table, con.conname AS name, r.relname AS referenced_table,
           array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
           array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[]
             AS referenced_columns,
           con.confdeltype AS on_delete, con.confupdtype AS on_update
      FROM pg_constraint con
      JOIN pg_class t ON t.oid = con.conrelid
      JOIN pg_class r ON r.oid = con.confrelid
     WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace`)
  for (const row of foreignKeys.rows) {
    table(row.table).foreignKeys[row.name] = {
      columns: row.columns,
      referencedTable: row.referenced_table,
      referencedColumns: row.referenced_columns,
      onDelete: actions[row.on_delete] ?? 'NO ACTION',
      onUpdate: actions[row.on_update] ?? 'NO ACTION',
    }
  }
  return shape
}

// A database schema reduced to what the drift test compares, and the comparison itself. Both sides
// (schema.prisma via Prisma's parser, the migrated database via pg_catalog) are turned into this shape.

export type ColumnShape = {
  /** As PostgreSQL's format_type() prints it: 'integer', 'numeric(14,2)', 'timestamp(3) with time zone'. */
  type: string
  nullable: boolean
  /** As pg_get_expr() prints the default: "'EUR'::bpchar", 'CURRENT_TIMESTAMP'; null when none. */
  default: string | null
}

export type IndexShape = { unique: boolean; primary: boolean; columns: string[] }

export type ForeignKeyShape = {
  columns: string[]
  referencedTable: string
  referencedColumns: string[]
  onDelete: ReferentialAction
  onUpdate: ReferentialAction
}

export type ReferentialAction = 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT'

export type TableShape = {
  columns: Record<string, ColumnShape>
  /** Keyed by index name; includes the primary key's index and unique constraints' indexes. */
  indexes: Record<string, IndexShape>
  /** Keyed by constraint name. */
  foreignKeys: Record<string, ForeignKeyShape>
}

export type SchemaShape = {
  /** Enum type name → labels in declaration order. */
  enums: Record<string, string[]>
  tables: Record<string, TableShape>
}

const show = (value: unknown) => JSON.stringify(value)

/**
 * Every difference between what schema.prisma says and what the database has, one readable line each
 * ("expected" = schema.prisma, "database" = the migrated database). Empty when they agree.
 */
export function diffSchemas(expected: SchemaShape, actual: SchemaShape): string[] {
  const lines: string[] = []
  diffKeyed(lines, 'enum', expected.enums, actual.enums, (name, want, have) => {
    if (show(want) !== show(have)) lines.push(`enum ${name}: values ${show(want)} expected, database has ${show(have)}`)
  })
  diffKeyed(lines, 'table', expected.tables, actual.tables, (table, want, have) => {
    const at = (what: string) => `${table}.${what}`
    diffKeyed(lines, `column ${table}.`, want.columns, have.columns, (column, w, h) => {
      for (const key of ['type', 'nullable', 'default'] as const) {
        if (w[key] !== h[key])
          lines.push(`${at(column)}: ${key} ${show(w[key])} expected, database has ${show(h[key])}`)
      }
    })
    diffKeyed(lines, `index ${table}.`, want.indexes, have.indexes, (name, w, h) => {
      if (show(w) !== show(h)) lines.push(`${at(name)}: index ${show(w)} expected, database has ${show(h)}`)
    })
    diffKeyed(lines, `foreign key ${table}.`, want.foreignKeys, have.foreignKeys, (name, w, h) => {
      if (show(w) !== show(h)) lines.push(`${at(name)}: foreign key ${show(w)} expected, database has ${show(h)}`)
    })
  })
  return lines
}

/** Pushes a line for each name on one side only; calls `both` for names on both sides. */
function diffKeyed<T>(
  lines: string[],
  what: string,
  expected: Record<string, T>,
  actual: Record<string, T>,
  both: (name: string, expected: T, actual: T) => void,
): void {
  const prefix = what.endsWith('.') ? what : `${what} `
  for (const name of Object.keys(expected).sort()) {
    const have = actual[name]
    if (have === undefined) lines.push(`- ${prefix}${name}: in schema.prisma, missing from the database`)
    else both(name, expected[name] as T, have)
  }
  for (const name of Object.keys(actual).sort()) {
    if (!(name in expected)) lines.push(`+ ${prefix}${name}: in the database, not in schema.prisma`)
  }
}

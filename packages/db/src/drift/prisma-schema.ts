import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { ColumnShape, ForeignKeyShape, IndexShape, ReferentialAction, SchemaShape } from './schema-shape.ts'

// What PostgreSQL should contain according to schema.prisma, parsed by Prisma's own parser (the
// prisma-schema-wasm get_dmmf the CLI uses), with Prisma Migrate's rules for names, types and defaults.
// Test-only: @prisma/prisma-schema-wasm is a devDependency.

export const defaultSchemaPath = fileURLToPath(new URL('../../../../prisma/schema.prisma', import.meta.url))

type DmmfDefault = { name: string; args: unknown[] } | string | number | boolean | unknown[]
type DmmfField = {
  name: string
  dbName?: string | null
  kind: 'scalar' | 'enum' | 'object' | 'unsupported'
  type: string
  isList: boolean
  isRequired: boolean
  isId: boolean
  hasDefaultValue: boolean
  default?: DmmfDefault
  nativeType?: [string, string[]] | null
  relationFromFields?: string[]
  relationToFields?: string[]
  relationOnDelete?: string
  relationOnUpdate?: string
}
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] }
type DmmfIndex = {
  model: string
  type: 'id' | 'unique' | 'normal' | 'fulltext'
  dbName?: string | null
  fields: { name: string }[]
}
type DmmfEnum = { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }
export type Datamodel = { enums: DmmfEnum[]; models: DmmfModel[]; indexes: DmmfIndex[] }

/** Parses schema.prisma with Prisma's parser and returns the DMMF datamodel. */
export async function readDatamodel(schemaPath = defaultSchemaPath): Promise<Datamodel> {
  const require = createRequire(import.meta.url)
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf: (params: string) => string }
  const schema = await readFile(schemaPath, 'utf8')
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] })))
  return dmmf.datamodel as Datamodel
}

const MAX_IDENTIFIER = 63

/** Prisma's default constraint name: `<table>_<columns>` cut to fit PostgreSQL's 63 bytes, plus the suffix. */
export function constraintName(table: string, columns: string[], suffix: '_pkey' | '_key' | '_idx' | '_fkey'): string {
  const base = columns.length === 0 ? table : `${table}_${columns.join('_')}`
  return base.slice(0, Math.min(base.length, MAX_IDENTIFIER - suffix.length)) + suffix
}

/** The schema PostgreSQL should have after migrating, as Prisma Migrate would create it from the datamodel. */
export function expectedSchema(datamodel: Datamodel): SchemaShape {
  const enumNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]))
  const modelsByName = new Map(datamodel.models.map((m) => [m.name, m]))
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name
  const columnOf = (model: DmmfModel, field: string) => {
    const found = model.fields.find((f) => f.name === field)
    if (!found) throw new Error(`${model.name}.${field} not found in the datamodel`)
    return found.dbName ?? found.name
  }

  const shape: SchemaShape = { enums: {}, tables: {} }
  for (const e of datamodel.enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name)

  for (const model of datamodel.models) {
    const table = tableOf(model)
    const columns: Record<string, ColumnShape> = {}
    for (const field of model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum')) {
      const column = field.dbName ?? field.name
      const type = columnType(field, enumNames)
      columns[column] = {
        type,
        // Prisma creates list columns without NOT NULL (an absent list reads as []).
        nullable: !field.isRequired || field.isList,
        default: columnDefault(field, type, table, column),
      }
    }

    const indexes: Record<string, IndexShape> = {}
    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      if (index.type === 'fulltext') throw new Error(`${model.name}: fulltext indexes are not supported by this check`)
      const cols = index.fields.map((f) => columnOf(model, f.name))
      const suffix = index.type === 'id' ? '_pkey' : index.type === 'unique' ? '_key' : '_idx'
      const name = index.dbName ?? constraintName(table, index.type === 'id' ? [] : cols, suffix)
      indexes[name] = { unique: index.type !== 'normal', primary: index.type === 'id', columns: cols }
    }

    const foreignKeys: Record<string, ForeignKeyShape> = {}
    for (const field of model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length)) {
      const target = modelsByName.get(field.type)
      if (!target) throw new Error(`${model.name}.${field.name}: unknown model ${field.type}`)
      const cols = field.relationFromFields!.map((f) => columnOf(model, f))
      foreignKeys[constraintName(table, cols, '_fkey')] = {
        columns: cols,
        referencedTable: tableOf(target),
        referencedColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
        // Prisma's defaults when the schema does not say: Restrict for required relations, SetNull otherwise.
        onDelete: action(field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull')),
        onUpdate: action(field.relationOnUpdate ?? 'Cascade'),
      }
    }
    shape.tables[table] = { columns, indexes, foreignKeys }
  }
  return shape
}

const scalarTypes: Record<string, string> = {
  Int: 'integer',
  BigInt: 'bigint',
  String: 'text',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Decimal: 'numeric(65,30)',
  Float: 'double precision',
  Json: 'jsonb',
  Bytes: 'bytea',
}

/** format_type() spelling of a Prisma native type (@db.X(args)). */
function nativeType(name: string, args: string[]): string {
  const a = args.length > 0 ? `(${args.join(',')})` : ''
  const spelled: Record<string, string> = {
    SmallInt: 'smallint',
    Integer: 'integer',
    BigInt: 'bigint',
    Text: 'text',
    Boolean: 'boolean',
    Date: 'date',
    Uuid: 'uuid',
    Json: 'json',
    JsonB: 'jsonb',
    Real: 'real',
    DoublePrecision: 'double precision',
    Char: `character${a}`,
    VarChar: `character varying${a}`,
    Decimal: `numeric${a}`,
    Timestamptz: `timestamp${a} with time zone`,
    Timestamp: `timestamp${a} without time zone`,
    Time: `time${a} without time zone`,
    Timetz: `time${a} with time zone`,
  }
  const type = spelled[name]
  if (!type) throw new Error(`@db.${name} is not mapped in the drift check yet; add it to nativeType()`)
  return type
}

function columnType(field: DmmfField, enumNames: Map<string, string>): string {
  const enumName = enumNames.get(field.type)
  const base = enumName
    ? quoteIdentifier(enumName)
    : field.nativeType
      ? nativeType(field.nativeType[0], field.nativeType[1])
      : scalarTypes[field.type]
  if (!base) throw new Error(`${field.name}: type ${field.type} is not mapped in the drift check yet`)
  return field.isList ? `${base}[]` : base
}

/** format_type() quotes names that are not all lower case. */
function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`
}

/** The default as pg_get_expr() prints it after Prisma Migrate created the column. */
function columnDefault(field: DmmfField, type: string, table: string, column: string): string | null {
  if (!field.hasDefaultValue || field.default === undefined) return null
  const value = field.default
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if (value.name === 'autoincrement') return `nextval('${table}_${column}_seq'::regclass)`
    if (value.name === 'now') return 'CURRENT_TIMESTAMP'
    if (value.name === 'dbgenerated') return String(value.args[0] ?? '')
    // uuid(), cuid(), nanoid() … are filled in by Prisma Client, not by the database.
    return null
  }
  if (Array.isArray(value)) {
    const base = type.replace(/\[\]$/, '')
    return `ARRAY[${value.map((v) => literal(v, base)).join(', ')}]::${base}[]`
  }
  return literal(value, type)
}

function literal(value: unknown, type: string): string {
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number' || /^(integer|smallint|bigint|numeric|double|real)/.test(type)) {
    // PostgreSQL keeps negative numeric defaults as a cast string literal.
    return String(value).startsWith('-') ? `'${value}'::${type.replace(/\(.*\)$/, '')}` : String(value)
  }
  const cast = type.startsWith('character(') ? 'bpchar' : type.replace(/\(\d+\)$/, '')
  return `'${String(value).replaceAll("'", "''")}'::${cast}`
}

function action(name: string): ReferentialAction {
  const actions: Record<string, ReferentialAction> = {
    Cascade: 'CASCADE',
    SetNull: 'SET NULL',
    Restrict: 'RESTRICT',
    NoAction: 'NO ACTION',
    SetDefault: 'SET DEFAULT',
  }
  const found = actions[name]
  if (!found) throw new Error(`unknown referential action ${name}`)
  return found
}

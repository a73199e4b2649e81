import type { PrismaClient } from '@kpi/db/generated/prisma/client'
import type pg from 'pg'
import { writeAudit } from '../audit/audit.db.ts'
import { HttpError } from '../http-errors.ts'
import type { Actor } from '../records/actor.ts'
import { coerceCell } from './coerce.ts'
import type { ImportError, Importer, ParsedRow } from './importer.ts'
import { CsvSyntaxError, readCsv } from './parse.ts'
import { upsertRows, type UpsertCounts } from './upsert.db.ts'

export const PREVIEW_ROWS = 20
/** Errors kept in the report; the count goes on. A file with more is the wrong file, not 10,000 typos. */
export const MAX_REPORTED_ERRORS = 10_000

export type ImportReport = {
  entity: string
  rows: number
  valid: number
  errorCount: number
  errors: ImportError[]
  preview: Record<string, unknown>[]
  /** Each header of the file → the field it fills, or null when it is ignored. */
  columns: Record<string, string | null>
}

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '')

/**
 * Which field each header fills: the user's mapping first (`{ "Deal Owner": "ownerEmail" }`, null or "" to
 * ignore a column), then a header that is one of our field names up to case, spaces, `_` and `-`.
 */
export function mapHeader(
  header: string[],
  importer: Importer,
  mapping: Record<string, string | null>,
): (string | null)[] {
  const ours = new Map(importer.fields.map((f) => [squash(f.name), f.name]))
  for (const [theirs, field] of Object.entries(mapping)) {
    if (!header.includes(theirs))
      throw new HttpError('validation_failed', `the file has no column "${theirs}"`, `mapping.${theirs}`)
    if (field && !importer.fields.some((f) => f.name === field))
      throw new HttpError('validation_failed', `${importer.entity} have no field "${field}"`, `mapping.${theirs}`)
  }
  const mapped = header.map((h) => (h in mapping ? mapping[h] || null : (ours.get(squash(h)) ?? null)))
  const seen = new Set<string>()
  mapped.forEach((field, i) => {
    if (field === null) return
    if (seen.has(field)) throw new HttpError('validation_failed', `two columns fill "${field}"`, `mapping.${header[i]}`)
    seen.add(field)
  })
  return mapped
}

export type ValidatedImport = { report: ImportReport; values: unknown[][] }

/**
 * Reads and checks the whole file without writing: each row against the entity's schema, references with one
 * query per reference type, repeated keys inside the file. Every problem is an error (row, column, message).
 */
export async function validateImport(options: {
  pool: Pick<pg.Pool, 'query'>
  actor: Actor
  importer: Importer
  source: AsyncIterable<Buffer | string>
  mapping: Record<string, string | null>
  timeZone: string
  maxBytes: number
}): Promise<ValidatedImport> {
  const { importer } = options
  const errors: ImportError[] = []
  let errorCount = 0
  let headerOf = (field: string) => field
  const error = (row: number, field: string, message: string) => {
    errorCount += 1
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ row, column: headerOf(field), message })
  }
  const kinds = new Map(importer.fields.map((f) => [f.name, f.kind]))
  const parsed: ParsedRow[] = []
  const failed = new Set<number>()
  const keys = new Map<string, number>()
  let header: string[] = []
  let fields: (string | null)[] = []
  let rows = 0

  try {
    for await (const item of readCsv(options.source, { maxBytes: options.maxBytes })) {
      if ('header' in item) {
        header = item.header
        fields = mapHeader(header, importer, options.mapping)
        const headers = new Map(fields.flatMap((f, i) => (f === null ? [] : [[f, header[i]!] as const])))
        headerOf = (field) => headers.get(field) ?? field
        const missing = importer.fields.filter((f) => f.required && !headers.has(f.name))
        for (const f of missing) error(0, f.name, `no column fills the required field ${f.name}; add a mapping`)
        if (missing.length > 0) break
        continue
      }
      rows += 1
      if (item.values.length !== header.length) {
        error(item.row, '', `expected ${header.length} fields, found ${item.values.length}`)
        failed.add(item.row)
        continue
      }
      const data: Record<string, unknown> = {}
      fields.forEach((field, i) => {
        if (field !== null) data[field] = coerceCell(kinds.get(field)!, item.values[i])
      })
      const result = importer.rowSchema.safeParse(data)
      if (!result.success) {
        for (const issue of result.error.issues) error(item.row, String(issue.path[0] ?? ''), issue.message)
        failed.add(item.row)
        continue
      }
      const row = result.data as Record<string, unknown>
      const key = typeof importer.keyField === 'string' ? row[importer.keyField] : importer.keyField(row)
      if (typeof key === 'string') {
        const first = keys.get(key)
        if (first !== undefined) {
          const keyName = typeof importer.keyField === 'string' ? importer.keyField : 'key'
          error(item.row, keyName, `"${key}" is also in row ${first}; each record may appear once per file`)
          failed.add(item.row)
          continue
        }
        keys.set(key, item.row)
      }
      parsed.push({ row: item.row, data: row })
    }
  } catch (caught) {
    if (!(caught instanceof CsvSyntaxError)) throw caught
    error(caught.row, '', `not valid CSV: ${caught.message}`)
  }
  if (header.length === 0 && errorCount === 0) error(0, '', 'the file is empty: expected a header line')

  const ctx = { pool: options.pool, actor: options.actor, timeZone: options.timeZone, error }
  const values = await importer.prepare(ctx, parsed)
  const rowsWithErrors = new Set([...failed, ...errors.map((e) => e.row)])
  const report: ImportReport = {
    entity: importer.entity,
    rows,
    valid: parsed.filter((p) => !rowsWithErrors.has(p.row)).length,
    errorCount,
    errors: errors.sort((a, b) => a.row - b.row),
    preview: parsed.slice(0, PREVIEW_ROWS).map((p) => p.data),
    columns: Object.fromEntries(header.map((h, i) => [h, fields[i] ?? null])),
  }
  return { report, values }
}

/**
 * Writes a validated import in one transaction (all rows or none) with its audit entry (counts, not rows).
 * Prisma's interactive transaction, because the audit writer takes its client; the upserts go through it as
 * raw SQL with array parameters.
 */
export async function commitImport(options: {
  prisma: PrismaClient
  actor: Actor
  importer: Importer
  report: ImportReport
  values: unknown[][]
}): Promise<UpsertCounts> {
  const { actor, importer, values } = options
  return options.prisma.$transaction(
    async (tx) => {
      const run = <T>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...params)
      const counts = await upsertRows(run, importer, actor.organizationId, values)
      await writeAudit(tx, {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: `${importer.entity}.imported`,
        entity: importer.entity,
        entityId: 'import',
        before: null,
        after: { rows: options.report.rows, columns: options.report.columns, ...counts },
      })
      return counts
    },
    // A large file takes seconds; Prisma's 5 s default would abort it half-way (and roll back, but still).
    { timeout: 10 * 60_000, maxWait: 10_000 },
  )
}

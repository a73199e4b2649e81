import type { PrismaClient } from '@kpi/db/generated/prisma/client'
import { setImmediate as stepAside } from 'node:timers/promises'
import type pg from 'pg'
import { PLAIN_CSV_FORMAT, type ImportFormat } from '@kpi/contract/import'
import { writeAudit } from '../audit/audit.db.ts'
import type { Actor } from '../records/actor.ts'
import { compileMapping, unmatchedReport, type Mismatch } from './apply-mapping.ts'
import type { ImportError, Importer, ImportLocale, ImportMessage, ParsedRow } from './importer.ts'
import { emptyMapping, planMapping, type Mapping } from './mapping.ts'
import { issueMessage, messages, type SchemaIssue } from './messages.ts'
import { CsvSyntaxError, readRecords } from './parse.ts'
import { batchedForeignKeys, lockReferences, restoreKeyChecks } from './foreign-keys.db.ts'
import { BATCH_ROWS, FIRST_BATCH_ROWS, upsertRows, type UpsertCounts } from './upsert.db.ts'

export const PREVIEW_ROWS = 20
/**
 * While a batch is being written, the real run's parsing steps aside for I/O every this many rows (a few ms). The
 * database client sends a transaction's next statement only once this process has read the previous one's answer,
 * and parsing an upload that is already in memory never waits for I/O by itself: without this, PostgreSQL idled
 * for the rest of each parse stretch after every statement (a quarter of a 50,000-row import's time on the
 * benchmark database).
 */
export const STEP_ASIDE_ROWS = 250
/** Errors kept in the report; the count goes on. A file with more is the wrong file, not 10,000 typos. */
export const MAX_REPORTED_ERRORS = 10_000

export type ImportReport = {
  entity: string
  rows: number
  /** Rows that repeat an earlier row of the file exactly (users, teams: a manager once per agent), read once. */
  repeated: number
  valid: number
  errorCount: number
  errors: ImportError[]
  preview: Record<string, unknown>[]
  /** Each header of the file → the field it fills, or null when it is ignored. */
  columns: Record<string, string | null>
  /** How the file was read (detected, with the mapping's overrides on top). */
  format: ImportFormat
  /** Per enum field: the distinct values of the file that fit none of its values, with their row counts. */
  unmatched: Record<string, { value: string; rows: number }[]>
  /** Records of other kinds the real run will create (teams named in a users file), by kind; absent when none. */
  created?: Record<string, number>
}

/** Receives each batch of database rows while the file is still being read (the real run's upserts). */
export type ImportSink = (values: unknown[][]) => Promise<void>

/**
 * Reads and checks the whole file: each row against the entity's schema, references with one query per
 * reference type and batch, repeated keys inside the file. Every problem is an error (row, column, message).
 * With a `sink` (the real run), each batch is handed over as soon as it is prepared — while no error has been
 * seen — so the database writes batch k while this parses batch k + 1; the caller rolls back if the final
 * report has errors. Without one (the dry run) nothing leaves this function but the report.
 */
export async function validateImport(options: {
  pool: Pick<pg.Pool, 'query'>
  actor: Actor
  importer: Importer
  source: AsyncIterable<Buffer | string>
  /** The parsed mapping (mapping.ts), or the short form's Map of column → field. */
  mapping: Mapping | ReadonlyMap<string, string | null>
  timeZone: string
  maxBytes: number
  /** The language of the report's messages. */
  locale?: ImportLocale
  sink?: ImportSink
}): Promise<ImportReport> {
  const { importer, sink } = options
  const errors: ImportError[] = []
  const rowsWithErrors = new Set<number>()
  let errorCount = 0
  let headerOf = (field: string) => field
  const locale = options.locale ?? 'en'
  const error = (row: number, field: string, message: ImportMessage, value?: string) => {
    errorCount += 1
    rowsWithErrors.add(row)
    const text = typeof message === 'string' ? message : message[locale]
    if (errors.length < MAX_REPORTED_ERRORS)
      errors.push({ row, column: headerOf(field), ...(value === undefined ? {} : { value }), message: text })
  }
  const mapping = asMapping(options.mapping)
  const toCreate = new Map<string, Set<string>>()
  const willCreate = (kind: string, key: string) => {
    const keys = toCreate.get(kind) ?? toCreate.set(kind, new Set()).get(kind)!
    keys.add(key)
  }
  const ctx = { pool: options.pool, actor: options.actor, timeZone: options.timeZone, error, willCreate }
  // Only for importers that read identical repeats once: the first row of each key, to compare repeats with.
  const firstRows = new Map<string, string>()
  /** Rows read once because they repeat an earlier row exactly: counted, so the counts add up to the rows. */
  let repeated = 0
  const kinds = new Map(importer.fields.map((f) => [f.name, f.kind]))
  let compiled: ReturnType<typeof compileMapping> | undefined
  let indexOf = new Map<string, number>()
  const mismatches: Mismatch[] = []
  const preview: Record<string, unknown>[] = []
  const parsedRows: number[] = []
  const keys = new Map<string, number>()
  let batch: ParsedRow[] = []
  let header: string[] = []
  let format: ImportFormat = PLAIN_CSV_FORMAT
  let columns: [string, string | null][] = []
  let rows = 0
  // The database idles until the first batch is handed over: start small, then double up to BATCH_ROWS.
  let batchRows = FIRST_BATCH_ROWS
  // Batches handed to the sink and not yet written: at most two, the one the database is writing and the next,
  // already sent behind it on the same connection, so the database goes from one to the next without waiting
  // for this process (a round trip, plus whatever parse work holds the event loop when the answer comes back).
  const writing: Promise<void>[] = []
  const drain = async (keep: number) => {
    try {
      while (writing.length > keep) await writing.shift()
    } catch (error) {
      // Let the batch queued behind the failed one settle before the caller rolls back.
      await Promise.allSettled(writing.splice(0))
      throw error
    }
  }

  const flush = async () => {
    if (batch.length === 0) return
    const values = await importer.prepare(ctx, batch)
    batch = []
    batchRows = Math.min(batchRows * 2, BATCH_ROWS)
    await drain(1)
    if (sink && errorCount === 0) {
      const write = sink(values)
      // Handled when awaited above or at the end; without this Node would report it as unhandled meanwhile.
      write.catch(() => {})
      writing.push(write)
    }
  }

  try {
    // The mapping's `format`: what the reader must not guess (encoding, delimiter, decimal, date order, sheet).
    const reader = readRecords(options.source, { maxBytes: options.maxBytes, format: mapping.format })
    for await (const item of reader) {
      if ('header' in item) {
        header = item.header
        format = item.format
        const plan = planMapping(importer, mapping, header, locale)
        compiled = compileMapping(importer, mapping, plan, format)
        columns = plan.columns
        headerOf = (field) => plan.sources.get(field) ?? field
        indexOf = new Map(plan.cells.flatMap(({ index, fields }) => fields.map((f) => [f, index] as const)))
        const fixed = compiled.fixedFields
        const missing = importer.fields.filter((f) => f.required && !plan.sources.has(f.name) && !fixed.has(f.name))
        for (const f of missing) error(0, f.name, messages.missingColumn(f.name, f.label))
        if (missing.length > 0) break
        continue
      }
      rows += 1
      if (item.values.length !== header.length) {
        error(item.row, '', messages.fieldCount(header.length, item.values.length))
        continue
      }
      mismatches.length = 0
      const data = compiled!.read(item.values, mismatches)
      for (const m of mismatches)
        error(item.row, m.field, messages.notAllowed(headerOf(m.field), m.value, m.allowed), m.value)
      const result = importer.rowSchema.safeParse(data)
      if (!result.success) {
        for (const issue of result.error.issues) {
          const field = String(issue.path[0] ?? '')
          if (mismatches.some((m) => m.field === field)) continue
          const index = indexOf.get(field)
          const cell = index === undefined ? mapping.constants.get(field) : item.values[index]?.trim() || undefined
          const message = issueMessage(issue as SchemaIssue, headerOf(field), cell, kinds.get(field) ?? 'text')
          error(item.row, field, message, cell)
        }
        continue
      }
      const row = result.data as Record<string, unknown>
      const key = typeof importer.keyField === 'string' ? row[importer.keyField] : importer.keyField(row)
      if (typeof key === 'string') {
        const first = keys.get(key)
        const same = importer.sameRowsOnce ? JSON.stringify(row) : undefined
        if (first !== undefined && same !== undefined && firstRows.get(key) === same) {
          parsedRows.push(item.row)
          repeated += 1
          continue
        }
        if (first !== undefined && same !== undefined) {
          const keyName = typeof importer.keyField === 'string' ? importer.keyField : 'name'
          error(item.row, keyName, messages.conflictingRepeat(key, first), key)
          continue
        }
        if (same !== undefined) firstRows.set(key, same)
        if (first !== undefined) {
          const keyName = typeof importer.keyField === 'string' ? importer.keyField : 'key'
          error(item.row, keyName, messages.duplicate(key, first), key)
          continue
        }
        keys.set(key, item.row)
      }
      parsedRows.push(item.row)
      if (preview.length < PREVIEW_ROWS) preview.push(row)
      batch.push({ row: item.row, data: row })
      if (batch.length >= batchRows) await flush()
      else if (writing.length > 0 && batch.length % STEP_ASIDE_ROWS === 0) await stepAside()
    }
  } catch (caught) {
    if (!(caught instanceof CsvSyntaxError)) throw caught
    const column = caught.row > 0 && caught.field !== undefined ? (header[caught.field] ?? '') : ''
    errorCount += 1
    rowsWithErrors.add(caught.row)
    // The header as in the file, not through headerOf (which maps field names): the cell may be in any column.
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ row: caught.row, column, message: caught.message })
  }
  if (header.length === 0 && errorCount === 0) error(0, '', messages.emptyFile)
  await flush()
  await drain(0)

  return {
    entity: importer.entity,
    rows,
    repeated,
    valid: parsedRows.filter((row) => !rowsWithErrors.has(row)).length,
    errorCount,
    errors: errors.sort((a, b) => a.row - b.row),
    preview,
    columns: Object.fromEntries(columns),
    format,
    unmatched: compiled ? unmatchedReport(compiled.unmatched) : {},
    ...(toCreate.size === 0 ? {} : { created: Object.fromEntries([...toCreate].map(([k, keys]) => [k, keys.size])) }),
  }
}

/** The short form as a Map (older callers, tests) → the mapping; a parsed mapping as it is. */
function asMapping(mapping: Mapping | ReadonlyMap<string, string | null>): Mapping {
  if (!(mapping instanceof Map)) return mapping as Mapping
  // The short form, as a Map (older callers)
  const parsed = { ...emptyMapping(), columnsPlace: 'mapping' }
  for (const [column, field] of mapping as ReadonlyMap<string, string | null>)
    parsed.columns.set(column, field ? [field] : [])
  return parsed
}

export type ImportOutcome =
  { ok: true; report: ImportReport; counts: UpsertCounts } | { ok: false; report: ImportReport }

class RollBack extends Error {
  readonly report: ImportReport

  constructor(report: ImportReport) {
    super('the import has errors')
    this.report = report
  }
}

/**
 * The real run: one transaction (all rows or none) in which `validate` streams its batches into upserts, then
 * the audit entry (counts, not rows). Any error in the report rolls everything back. Prisma's interactive
 * transaction, because the audit writer takes its client; the upserts go through it as raw SQL.
 */
export async function importInTransaction(options: {
  prisma: PrismaClient
  actor: Actor
  importer: Importer
  validate: (sink: ImportSink) => Promise<ImportReport>
}): Promise<ImportOutcome> {
  const { actor, importer } = options
  try {
    return await options.prisma.$transaction(
      async (tx) => {
        const run = <T>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...params)
        const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 }
        // The generic upsert checks each batch's references itself when it safely can (decision 44).
        const keys = importer.write ? null : await batchedForeignKeys(run, importer)
        const checkKeys =
          keys && ((batch: unknown[][]) => lockReferences(run, keys, importer, actor.organizationId, batch))
        const report = await options.validate(async (values) => {
          const written = importer.write
            ? await importer.write(run, importer, actor, values)
            : await upsertRows(run, importer, actor, values, checkKeys ?? undefined)
          counts.inserted += written.inserted
          counts.updated += written.updated
          counts.unchanged += written.unchanged
          for (const [kind, n] of Object.entries(written.created ?? {}))
            counts.created = { ...counts.created, [kind]: (counts.created?.[kind] ?? 0) + n }
        })
        if (report.errorCount > 0) throw new RollBack(report)
        if (keys) await restoreKeyChecks(run)
        await writeAudit(tx, {
          organizationId: actor.organizationId,
          actorId: actor.id,
          action: `${importer.entity}.imported`,
          entity: importer.entity,
          entityId: 'import',
          before: null,
          after: { rows: report.rows, columns: report.columns, ...counts },
        })
        return { ok: true as const, report, counts }
      },
      // A large file takes a while; Prisma's 5 s default would abort it half-way.
      { timeout: 10 * 60_000, maxWait: 10_000 },
    )
  } catch (error) {
    if (error instanceof RollBack) return { ok: false, report: error.report }
    throw error
  }
}

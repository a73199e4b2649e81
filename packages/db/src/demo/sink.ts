import { TABLE_ORDER } from './rows.ts'
import type { DemoBatch, DemoRows, DemoTable } from './rows.ts'

/**
 * Collects generated rows per table and hands them out in foreign-key order once any table has a full batch, so
 * memory stays bounded by roughly one batch per table however large the data set is.
 */
export class Sink {
  private readonly buffers = new Map<DemoTable, unknown[]>()
  private readonly lastIds = new Map<DemoTable, number>()
  private fullest = 0

  private readonly batchSize: number

  constructor(batchSize: number) {
    this.batchSize = batchSize
  }

  /** The next id for a table (1, 2, 3 …), assigned by the generator so rows can reference each other directly. */
  nextId(table: DemoTable): number {
    const id = (this.lastIds.get(table) ?? 0) + 1
    this.lastIds.set(table, id)
    return id
  }

  push<T extends DemoTable>(table: T, row: DemoRows[T]): void {
    let buffer = this.buffers.get(table)
    if (!buffer) this.buffers.set(table, (buffer = []))
    buffer.push(row)
    if (buffer.length > this.fullest) this.fullest = buffer.length
  }

  get full(): boolean {
    return this.fullest >= this.batchSize
  }

  /** Every buffered row, table by table in TABLE_ORDER, in batches of at most batchSize rows. */
  *drain(): Generator<DemoBatch> {
    for (const table of TABLE_ORDER) {
      const buffer = this.buffers.get(table)
      if (!buffer || buffer.length === 0) continue
      this.buffers.set(table, [])
      for (let i = 0; i < buffer.length; i += this.batchSize) {
        yield { table, rows: buffer.slice(i, i + this.batchSize) } as DemoBatch
      }
    }
    this.fullest = 0
  }
}

import { generateDemoData } from './generate.ts'
import { DEMO } from './options.ts'
import type { DemoOptions } from './options.ts'
import type { DemoBatch, DemoRows, DemoTable } from './rows.ts'

// Shared by the demo tests: a fixed "now" so expectations do not drift with the calendar.
export const TEST_TODAY = new Date('2026-11-25T14:30:00Z')
export const TEST_HASH = 'scrypt$16384$8$1$c2FsdA==$a2V5'

export function demoOptions(overrides: Partial<DemoOptions> = {}): DemoOptions {
  return { ...DEMO, today: TEST_TODAY, ...overrides }
}

export function collectBatches(options: DemoOptions): DemoBatch[] {
  return [...generateDemoData(options, TEST_HASH)]
}

/** All rows per table, from the batches. */
export function byTable(batches: DemoBatch[]): { [T in DemoTable]: DemoRows[T][] } {
  const tables: Record<string, unknown[]> = {}
  for (const batch of batches) (tables[batch.table] ??= []).push(...batch.rows)
  return tables as { [T in DemoTable]: DemoRows[T][] }
}

/**
 * Comparison for SQL vs in-memory results. Integers (counts, cents) must be identical; non-integers
 * (weighted pipeline, medians, KPI ratios) may differ in the last bits because PostgreSQL sums exactly in
 * numeric while the reference adds floats one by one, so they are compared to 1e-9 relative.
 */
import { expect } from 'vitest'

export function closeEnough(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isInteger(expected) && Number.isInteger(actual)) {
      expect(actual, path).toBe(expected)
    } else {
      const tolerance = Math.max(1e-9, Math.abs(expected) * 1e-9)
      expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance)
    }
    return
  }
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    if (Array.isArray(expected)) {
      expect(Array.isArray(actual), path).toBe(true)
      expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length)
      expected.forEach((e, i) => closeEnough((actual as unknown[])[i], e, `${path}[${i}]`))
      return
    }
    const keys = Object.keys(expected as object)
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual([...keys].sort())
    for (const key of keys) {
      closeEnough(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      )
    }
    return
  }
  expect(actual, path).toEqual(expected)
}

import { z } from 'zod'

// PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"): a string with one that
// reaches a query is a 500, and a CSV export filtered by one aborts after its 200. Request inputs are checked
// once for all at the validator (plugins/validator.ts); CSV cells, which no route schema sees, by PlainText.

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)'

/** A string without U+0000: the base of every text a CSV cell can fill. */
export const PlainText = z.string().refine((text) => !text.includes('\u0000'), NUL_MESSAGE)

type Step = { value: unknown; key: string | number; parent: Step | undefined }

/**
 * The path to the first string in `value` (a JSON body, query or params; keys too) that holds a NUL. A loop, not
 * recursion: a body 10,000 arrays deep must reach zod (a 400), not overflow the stack here.
 */
export function findNul(value: unknown): (string | number)[] | undefined {
  const pathOf = (step: Step | undefined) => {
    const path: (string | number)[] = []
    for (let at = step; at; at = at.parent) path.unshift(at.key)
    return path
  }
  const stack: Step[] = []
  let current: Step | undefined = undefined
  let node = value
  for (;;) {
    if (typeof node === 'string' && node.includes('\u0000')) return pathOf(current)
    if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node).reverse()) {
        const step: Step = { value: child, key: Array.isArray(node) ? Number(key) : key, parent: current }
        if (key.includes('\u0000')) return pathOf(step)
        stack.push(step)
      }
    }
    current = stack.pop()
    if (current === undefined) return undefined
    node = current.value
  }
}

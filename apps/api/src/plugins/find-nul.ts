// The path of the first NUL in a request's JSON body, query or params: the validator (validator.ts) refuses it
// once for every route, with the contract's NUL_MESSAGE, before any schema or query sees it.

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

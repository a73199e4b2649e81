// A seeded PRNG (sfc32, seeded through splitmix32) and the few distributions the generator needs. No dependency:
// the algorithm is a dozen lines and pinning it here guarantees the same seed gives the same data forever.

/** A deterministic random source; every method advances the same stream. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T
  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T
  /** Standard normal (Box–Muller). */
  normal(): number
  /** Log-normal with the given median and log-space sigma: a long right tail, like deal sizes and durations. */
  logNormal(median: number, sigma: number): number
  /** Poisson-distributed count with mean `lambda` (Knuth for small means, normal approximation above 30). */
  poisson(lambda: number): number
  /** An independent stream derived from this seed and a label, so adding draws in one part leaves others alone. */
  fork(label: string): Random
}

function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

function hashLabel(label: string): number {
  let h = 0x811c9dc5 // FNV-1a
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Creates the random source for a seed (any integer). */
export function createRandom(seed: number): Random {
  const init = splitmix32(seed | 0)
  let a = init()
  let b = init()
  let c = init()
  let d = init()
  const next = (): number => {
    // sfc32
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next() // discard the warm-up outputs
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0)
      let r = next() * total
      for (const [item, w] of items) {
        r -= w
        if (r < 0) return item
      }
      return (items[items.length - 1] as (typeof items)[number])[0]
    },
    normal: () => {
      const u = 1 - next() // (0, 1]: log(0) would be -Infinity
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * random.normal()),
    poisson: (lambda) => {
      if (lambda <= 0) return 0
      if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.normal()))
      const limit = Math.exp(-lambda)
      let k = 0
      let p = next()
      while (p > limit) {
        k++
        p *= next()
      }
      return k
    },
    fork: (label) => createRandom((seed ^ hashLabel(label)) | 0),
  }
  return random
}

/** A stable pseudo-random number in [0, 1) for a pair of integers, for attributes that must not depend on draw order. */
export function hashUnit(a: number, b: number): number {
  let z = (Math.imul(a | 0, 0x9e3779b1) ^ Math.imul(b | 0, 0x85ebca77)) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return ((z ^ (z >>> 16)) >>> 0) / 4294967296
}

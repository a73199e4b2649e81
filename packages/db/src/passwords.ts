import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

// scrypt from node:crypto: memory-hard, no native dependency to build, and the parameters travel with the hash,
// so they can be raised later without invalidating stored passwords.
const N = 16384
const R = 8
const P = 1
const KEY_BYTES = 64
const SALT_BYTES = 16

function deriveKey(plain: string, salt: Buffer, n: number, r: number, p: number, keyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: Node's default (32 MiB) is exactly at the edge for N=16384, r=8 (128 * N * r = 16 MiB plus overhead).
    scrypt(plain, salt, keyBytes, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (salt and hash in base64) with a random 16-byte salt. */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await deriveKey(plain, salt, N, R, P, KEY_BYTES)
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$')
}

/**
 * True when `plain` matches a hash made by {@link hashPassword}. A malformed stored value is simply "no match":
 * login must answer 401, not 500, whatever sits in the column.
 */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  const salt = Buffer.from(parts[4] ?? '', 'base64')
  const expected = Buffer.from(parts[5] ?? '', 'base64')
  const valid = [n, r, p].every((x) => Number.isInteger(x) && x > 0) && (n & (n - 1)) === 0
  // Caps stop a crafted hash from making one login burn seconds of CPU or gigabytes of memory.
  const affordable = 128 * n * r <= 64 * 1024 * 1024 && p <= 16 && expected.length > 0 && expected.length <= 256
  if (!valid || !affordable || salt.length === 0) return false
  const actual = await deriveKey(plain, salt, n, r, p, expected.length)
  return timingSafeEqual(actual, expected)
}

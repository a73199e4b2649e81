import { describe, expect, test } from 'vitest'
import { hashPassword, verifyPassword } from './passwords.ts'

describe('password hashing', () => {
  test('a hash verifies its own password and no other', async () => {
    const stored = await hashPassword('demo1234')
    expect(await verifyPassword('demo1234', stored)).toBe(true)
    expect(await verifyPassword('demo1235', stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
  })

  test('the stored form is scrypt$N$r$p$salt$hash with a 16-byte salt and a 64-byte key', async () => {
    const stored = await hashPassword('demo1234')
    const [scheme, n, r, p, salt, key] = stored.split('$')
    expect([scheme, n, r, p]).toEqual(['scrypt', '16384', '8', '1'])
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16)
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(64)
  })

  test('the same password hashes differently each time (random salt), and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('demo1234'), hashPassword('demo1234')])
    expect(a).not.toBe(b)
    expect(await verifyPassword('demo1234', a)).toBe(true)
    expect(await verifyPassword('demo1234', b)).toBe(true)
  })

  test.each([
    { stored: '' },
    { stored: 'plain-text-password' },
    { stored: 'bcrypt$10$abc$def$ghi$jkl' },
    { stored: 'scrypt$16384$8$1$$' }, // empty salt and key
    { stored: 'scrypt$1000$8$1$c2FsdA==$a2V5' }, // N not a power of two
    { stored: 'scrypt$1048576$64$1$c2FsdA==$a2V5' }, // 128 × N × r = 8 GiB: refused, not attempted
  ])('a malformed or unaffordable stored value is "no match", not an error: $stored', async ({ stored }) => {
    await expect(verifyPassword('demo1234', stored)).resolves.toBe(false)
  })
})

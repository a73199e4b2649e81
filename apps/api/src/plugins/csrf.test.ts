import type { FastifyRequest } from 'fastify'
import { describe, expect, test } from 'vitest'
import { csrfFailure } from './csrf.ts'

// Issue 14 F16: the Origin check compares the whole origin (scheme, host and port), not the host alone. Served at
// https://host, a page on http://host (plain HTTP, open to anyone on the network path) is another origin.

const token = { kpi_csrf: 't' }
const requestOf = (protocol: 'http' | 'https', host: string, origin: string) =>
  ({ protocol, headers: { host, origin, 'x-csrf-token': 't' }, cookies: token }) as unknown as FastifyRequest

describe('csrfFailure: Origin', () => {
  test.each([
    { protocol: 'https', host: 'kpi.example', origin: 'https://kpi.example', passes: true },
    { protocol: 'http', host: 'localhost:3000', origin: 'http://localhost:3000', passes: true },
    { protocol: 'https', host: 'kpi.example:443', origin: 'https://kpi.example', passes: true }, // default port
    { protocol: 'http', host: '[::1]:3000', origin: 'http://[::1]:3000', passes: true },
    { protocol: 'https', host: 'kpi.example', origin: 'http://kpi.example', passes: false },
    { protocol: 'http', host: 'kpi.example', origin: 'https://kpi.example', passes: false },
    { protocol: 'http', host: 'localhost:3000', origin: 'http://localhost:3001', passes: false },
    { protocol: 'https', host: 'kpi.example', origin: 'https://evil.example', passes: false },
  ] as const)('served at $protocol://$host, Origin $origin passes: $passes', ({ protocol, host, origin, passes }) => {
    const failure = csrfFailure(requestOf(protocol, host, origin))
    if (passes) expect(failure).toBeNull()
    else expect(failure).toMatch(/cross-origin request refused/)
  })
})

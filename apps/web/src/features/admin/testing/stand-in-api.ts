import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

// A real HTTP server for the admin component tests: each test file answers the few routes its section calls,
// starting from bodies recorded from the real API (./fixtures, demo organisation), which the API's test
// apps/api/src/contract/web-fixtures.test.ts checks against the real answers. The end-to-end tests run
// the same screens against the real API and PostgreSQL.

export type StandInRequest = { method: string; path: string; query: URLSearchParams; body: unknown }
export type StandInAnswer = { status: number; body?: unknown }
export type StandInApi = { requests: StandInRequest[]; close: () => Promise<void> }

/** Starts the server and points the app's relative `/api/…` fetches at it until `close()`. */
export async function startStandInApi(answer: (request: StandInRequest) => StandInAnswer): Promise<StandInApi> {
  const requests: StandInRequest[] = []
  const server = createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += String(chunk)
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const request = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: raw === '' ? undefined : (JSON.parse(raw) as unknown),
    }
    requests.push(request)
    const { status, body } = answer(request)
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(body === undefined ? '' : JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const realFetch = globalThis.fetch
  globalThis.fetch = (input, init) =>
    realFetch(typeof input === 'string' && input.startsWith('/') ? `${origin}${input}` : input, init)
  return {
    requests,
    close: async () => {
      globalThis.fetch = realFetch
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** The API's 404 for a route this stand-in does not answer: a test calling it fails loudly. */
export const notFound = (request: StandInRequest): StandInAnswer => ({
  status: 404,
  body: { error: 'not_found', message: `no stand-in for ${request.method} ${request.path}` },
})

/**
 * The API's optimistic-version rule for a PATCH of one row (users, teams, settings): a body whose `version` is
 * not the stored one is a 409 version_conflict carrying the stored row as `current` (the body shape recorded
 * in ./fixtures/conflict-user.json); otherwise the fields are applied and the version goes up by one.
 */
export function patchVersioned<Row extends { version: number }>(
  stored: Row,
  body: unknown,
): { status: 409; body: unknown } | { status: 200; row: Row } {
  const { version, ...fields } = body as { version: number } & Partial<Row>
  if (version !== stored.version) {
    return {
      status: 409,
      body: {
        error: 'version_conflict',
        message: `changed by someone else (version ${stored.version}, you sent ${version}); reload and retry`,
        field: 'body.version',
        current: stored,
      },
    }
  }
  return { status: 200, row: { ...stored, ...fields, version: stored.version + 1 } }
}

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

// The one way web component tests fake HTTP: a real local server the app's relative `/api/…` fetches go to, so
// requests pass through fetch, headers and JSON parsing as in the browser. Each test answers the few routes its
// component calls, from bodies recorded from the real API (features/admin/testing/fixtures, test/fixtures; kept equal to its
// answers by apps/api/src/contract/web-fixtures.test.ts). The end-to-end tests run the same screens against the real API and PostgreSQL.

export type TestRequest = {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
  headers: Record<string, string | string[] | undefined>
  /** "GET /api/dashboard?period=month": method, path and query as sent, for `toContain` checks. */
  line: string
}
export type TestAnswer = { status: number; body?: unknown; headers?: Record<string, string> }
export type Answer = (request: TestRequest) => TestAnswer
export type TestApi = { requests: TestRequest[]; lines: () => string[]; close: () => Promise<void> }

/** Starts the server and points the app's relative `/api/…` fetches at it until `close()`. */
export async function startTestApi(answer: Answer): Promise<TestApi> {
  const requests: TestRequest[] = []
  const server = createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += String(chunk)
    const url = new URL(req.url ?? '/', 'http://test-api')
    const request = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: raw === '' ? undefined : parseBody(raw),
      headers: req.headers,
      line: `${req.method} ${url.pathname}${url.search}`,
    }
    requests.push(request)
    const { status, body, headers } = answer(request)
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(body === undefined ? '' : JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // The app calls relative /api URLs (same origin in the browser); in jsdom they are resolved against this server.
  const realFetch = globalThis.fetch
  globalThis.fetch = (input, init) =>
    realFetch(typeof input === 'string' && input.startsWith('/') ? `${origin}${input}` : input, init)
  return {
    requests,
    lines: () => requests.map((r) => r.line),
    close: async () => {
      globalThis.fetch = realFetch
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

// A multipart upload (the import page) is not JSON: keep its text for the test to look at.
function parseBody(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

/** The API's 404 for a route the test does not answer: a component calling it fails loudly. */
export const notFound = (request: TestRequest): TestAnswer => ({
  status: 404,
  body: { error: 'not_found', message: `no test answer for ${request.method} ${request.path}` },
})

/** A JSON answer. */
export const json = (status: number, body?: unknown, headers?: Record<string, string>): TestAnswer => ({
  status,
  body,
  ...(headers ? { headers } : {}),
})

/**
 * The API's optimistic-version rule for a PATCH of one row (users, teams, settings): a body whose `version` is
 * not the stored one is a 409 version_conflict carrying the stored row as `current` (the body shape recorded
 * in features/admin/testing/fixtures/conflict-user.json); otherwise the fields are applied and the version goes
 * up by one.
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

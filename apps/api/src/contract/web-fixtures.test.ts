import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DashboardSchema } from '@kpi/contract/dashboard'
import { DigestOverview, DigestSend, DigestSendsPage, DigestSettings } from '@kpi/contract/digests'
import { ErrorBody, versionConflictBody } from '@kpi/contract/errors'
import { ProductList } from '@kpi/contract/products'
import { Holidays, Settings, TimeZonePreview } from '@kpi/contract/settings'
import { CopyForwardResult, Target, TargetList } from '@kpi/contract/targets'
import { TeamList, TeamOut } from '@kpi/contract/teams'
import { UserList, UserOut } from '@kpi/contract/users'
import { RegionList } from '@kpi/contract/regions'
import { DeliveriesPage, TestResult, Webhook, WebhookCreated } from '@kpi/contract/webhooks'
import { loadDemoDataIfEmpty } from '@kpi/db/demo/load'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import type { z } from 'zod'
import { buildApp, type App } from '../app.ts'
import { loginAs, type Session } from '../testing/login-as.ts'
import { testConfig } from '../testing/test-app.ts'

// The web component tests answer from recorded API bodies (apps/web/src/test/fixtures, admin/testing/fixtures).
// This test makes each recorded request again against the real app on the demo organisation, at the instant of
// the recording, parses the answer with the contract schema the web parses it with, and compares it with the
// committed file: an API whose answer changes shape or content fails here, not silently in the web tests.
// `UPDATE_FIXTURES=1 npx vitest run --project api apps/api/src/contract/web-fixtures.test.ts` rewrites the files.

/** When the fixtures were recorded: the demo data's "today", the dashboard's `now`. */
const RECORDED_AT = new Date('2026-11-25T20:44:41.235Z')
const password = 'fixture-test-password'
const update = process.env['UPDATE_FIXTURES'] === '1'

const web = path.join(import.meta.dirname, '../../../web/src')
const shellFixtures = path.join(web, 'test/fixtures')
const adminFixtures = path.join(web, 'features/admin/testing/fixtures')

type Request = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; body?: object }
type Recording = Request & {
  file: string
  as: 'admin' | 'manager'
  status: number
  schema: z.ZodType
  /** Writes that bring the organisation into the state the recording needs (another user's save, for a 409). */
  after?: Request[]
  /** Dot paths of values drawn at random on every run (a webhook's secret, an event id): recorded as VARIES. */
  volatile?: string[]
}

const VARIES = '<varies>'

/** The answer with each volatile value (which must be there, as a string) replaced by VARIES. */
function settle(answer: unknown, paths: string[] = []): unknown {
  const copy = structuredClone(answer) as Record<string, unknown>
  for (const path of paths) {
    const keys = path.split('.')
    const last = keys.pop()!
    const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy)
    expect(typeof parent[last], path).toBe('string')
    parent[last] = VARIES
  }
  return copy
}

// Webhooks as an admin sets them up: a Slack channel for team North's weekly digest, a Teams channel for the whole
// organisation, and a paused signed-JSON receiver about one rep. Host names under .invalid never resolve: the API
// accepts them (early feedback only refuses non-public addresses), and a test sent to one cannot be reached.
const slackHook = {
  url: 'https://hooks.slack.invalid/services/T0001/B0002/abcdEFGHwxyz',
  format: 'slack',
  locale: 'nl',
  scope: 'team:1',
  digest: { frequency: 'weekly', weekday: 1, hour: 8 },
}
const teamsHook = {
  url: 'https://contoso.webhook.office.invalid/webhookb2/1234/IncomingWebhook/5678/k9Qz',
  format: 'teams',
  scope: null,
  digest: { frequency: 'daily', weekday: 1, hour: 7 },
}
const jsonHook = { url: 'https://crm.example.invalid/kpi-events', format: 'json', scope: 'rep:3', active: false }
const addWebhooks: Request[] = [slackHook, teamsHook, jsonHook].map((body) => ({
  method: 'POST',
  url: '/api/webhooks',
  body,
}))

const janTeamNorth = { kpiKey: 'revenue.won', scope: 'team:1', periodType: 'month', periodStart: '2026-01-01' }

// Each runs on its own copy of the demo data: a recording's `after` writes are the only history it sees.
const recordings: Recording[] = [
  {
    file: `${shellFixtures}/dashboard-manager.json`,
    as: 'manager',
    method: 'GET',
    url: '/api/dashboard',
    status: 200,
    schema: DashboardSchema,
  },
  {
    file: `${adminFixtures}/settings.json`,
    as: 'admin',
    method: 'GET',
    url: '/api/settings',
    status: 200,
    schema: Settings,
  },
  {
    // What the settings page says before a change of zone (demo deals carry times: they keep their moment).
    file: `${adminFixtures}/time-zone-preview.json`,
    as: 'admin',
    method: 'GET',
    url: '/api/settings/time-zone-preview?timeZone=America%2FNew_York',
    status: 200,
    schema: TimeZonePreview,
  },
  {
    file: `${adminFixtures}/holidays.json`,
    as: 'admin',
    method: 'GET',
    url: '/api/settings/holidays',
    status: 200,
    schema: Holidays,
  },
  { file: `${adminFixtures}/users.json`, as: 'admin', method: 'GET', url: '/api/users', status: 200, schema: UserList },
  { file: `${adminFixtures}/teams.json`, as: 'admin', method: 'GET', url: '/api/teams', status: 200, schema: TeamList },
  {
    file: `${adminFixtures}/targets-2026-h1.json`,
    as: 'admin',
    method: 'GET',
    url: '/api/targets?kpiKey=revenue.won&period=month&from=2026-01-01&to=2026-06-01',
    status: 200,
    schema: TargetList,
  },
  {
    file: `${adminFixtures}/targets-2026-11-to-2027-04.json`,
    as: 'admin',
    method: 'GET',
    url: '/api/targets?kpiKey=revenue.won&period=month&from=2026-11-01&to=2027-04-01',
    status: 200,
    schema: TargetList,
  },
  {
    file: `${adminFixtures}/conflict-user.json`,
    as: 'admin',
    after: [{ method: 'PATCH', url: '/api/users/4', body: { version: 1, name: 'Yara de Haan-Smit' } }],
    method: 'PATCH',
    url: '/api/users/4',
    body: { version: 1, name: 'Yara Smit' },
    status: 409,
    schema: versionConflictBody(UserOut),
  },
  {
    file: `${adminFixtures}/conflict-team.json`,
    as: 'admin',
    after: [{ method: 'PATCH', url: '/api/teams/2', body: { version: 1, name: 'South & Islands' } }],
    method: 'PATCH',
    url: '/api/teams/2',
    body: { version: 1, name: 'Zuid' },
    status: 409,
    schema: versionConflictBody(TeamOut),
  },
  {
    file: `${adminFixtures}/conflict-settings.json`,
    as: 'admin',
    after: [{ method: 'PATCH', url: '/api/settings', body: { version: 1, currency: 'USD' } }],
    method: 'PATCH',
    url: '/api/settings',
    body: { version: 1, currency: 'GBP' },
    status: 409,
    schema: versionConflictBody(Settings),
  },
  {
    file: `${adminFixtures}/conflict-target.json`,
    as: 'admin',
    after: [
      { method: 'PUT', url: '/api/targets', body: { targets: [{ ...janTeamNorth, value: 190_000, version: 1 }] } },
    ],
    method: 'PUT',
    url: '/api/targets',
    body: { targets: [{ ...janTeamNorth, value: 195_000, version: 1 }] },
    status: 409,
    schema: versionConflictBody(Target),
  },
  {
    file: `${adminFixtures}/invalid-user.json`,
    as: 'admin',
    method: 'POST',
    url: '/api/users',
    body: { email: 'new.rep@example.com', name: 'New Rep', role: 'rep', teamId: 1, password: 'short' },
    status: 400,
    schema: ErrorBody,
  },
  {
    file: `${adminFixtures}/invalid-settings.json`,
    as: 'admin',
    method: 'PATCH',
    url: '/api/settings',
    body: { version: 2, timeZone: 'Mars/Olympus' },
    status: 400,
    schema: ErrorBody,
  },
  {
    file: `${adminFixtures}/require-two-factor-refused.json`,
    as: 'admin',
    method: 'PATCH',
    url: '/api/settings',
    body: { version: 1, requireTwoFactor: true },
    status: 400,
    schema: ErrorBody,
  },
  {
    file: `${adminFixtures}/copy-forward.json`,
    as: 'admin',
    method: 'POST',
    url: '/api/targets/copy-forward',
    body: {
      scopes: ['team:1', 'rep:3'],
      kpiKeys: ['revenue.won'],
      periodType: 'month',
      periodStart: '2026-12-01',
      count: 2,
    },
    status: 200,
    schema: CopyForwardResult,
  },
  {
    file: `${adminFixtures}/products.json`,
    as: 'admin',
    method: 'GET',
    url: '/api/products',
    status: 200,
    schema: ProductList,
  },
  {
    // Platform Core (product 1) is named by demo deals: the refusal says how many.
    file: `${adminFixtures}/product-in-use.json`,
    as: 'admin',
    method: 'DELETE',
    url: '/api/products/1?version=1',
    status: 409,
    schema: ErrorBody,
  },
  {
    file: `${adminFixtures}/product-name-taken.json`,
    as: 'admin',
    method: 'PATCH',
    url: '/api/products/1',
    body: { version: 1, aliases: ['analytics module'] },
    status: 409,
    schema: ErrorBody,
  },
  // Digests (issue 20): the person's page (test/fixtures) and the admin's overview (admin fixtures).
  {
    file: `${shellFixtures}/me-digest-manager.json`,
    as: 'manager',
    method: 'GET',
    url: '/api/me/digest',
    status: 200,
    schema: DigestSettings,
  },
  {
    // Team 2 is not the manager's (they manage North, team 1): refused at the scope field.
    file: `${shellFixtures}/digest-scope-refused.json`,
    as: 'manager',
    method: 'PUT',
    url: '/api/me/digest',
    body: { frequency: 'weekly', weekday: 1, hour: 8, scope: 'team:2', period: 'month', sendWhenEmpty: false },
    status: 400,
    schema: ErrorBody,
  },
  {
    // The test app has no SMTP_URL: "Send me a test" answers why it could not go.
    file: `${shellFixtures}/digest-test-no-mail.json`,
    as: 'manager',
    method: 'POST',
    url: '/api/me/digest/test',
    body: {},
    status: 200,
    schema: DigestSend,
  },
  {
    file: `${adminFixtures}/digests.json`,
    as: 'admin',
    method: 'GET',
    url: '/api/digests',
    status: 200,
    schema: DigestOverview,
  },
  {
    // "Send now" for the demo manager without SMTP: a failed send with its reason.
    file: `${adminFixtures}/digest-sends-failed.json`,
    as: 'admin',
    method: 'GET',
    url: '/api/digests/sends?status=failed',
    after: [{ method: 'POST', url: '/api/digests/run', body: { userId: 2 } }],
    status: 200,
    schema: DigestSendsPage,
  },
  {
    file: `${adminFixtures}/regions.json`,
    as: 'admin',
    method: 'GET',
    url: '/api/regions',
    status: 200,
    schema: RegionList,
  },
  {
    file: `${adminFixtures}/webhooks.json`,
    as: 'admin',
    after: addWebhooks,
    method: 'GET',
    url: '/api/webhooks',
    status: 200,
    schema: Webhook.array(),
  },
  {
    // The only answer that carries the secret.
    file: `${adminFixtures}/webhook-created.json`,
    as: 'admin',
    method: 'POST',
    url: '/api/webhooks',
    body: jsonHook,
    status: 201,
    schema: WebhookCreated,
    volatile: ['secret'],
  },
  {
    file: `${adminFixtures}/webhook-url-not-public.json`,
    as: 'admin',
    method: 'POST',
    url: '/api/webhooks',
    body: { ...slackHook, url: 'http://127.0.0.1:9/hook' },
    status: 400,
    schema: ErrorBody,
  },
  {
    // One attempt at once; the receiver cannot be reached, so it waits for the next try.
    file: `${adminFixtures}/webhook-test-unreachable.json`,
    as: 'admin',
    after: addWebhooks,
    method: 'POST',
    url: '/api/webhooks/1/test',
    status: 200,
    schema: TestResult,
    volatile: ['delivery.eventId'],
  },
  {
    file: `${adminFixtures}/webhook-deliveries.json`,
    as: 'admin',
    after: [...addWebhooks, { method: 'POST', url: '/api/webhooks/1/test' }],
    method: 'GET',
    url: '/api/webhooks/1/deliveries',
    status: 200,
    schema: DeliveriesPage,
    volatile: ['items.0.eventId'],
  },
  {
    file: `${adminFixtures}/conflict-webhook.json`,
    as: 'admin',
    after: [...addWebhooks, { method: 'PATCH', url: '/api/webhooks/1', body: { version: 1, locale: 'en' } }],
    method: 'PATCH',
    url: '/api/webhooks/1',
    body: { version: 1, digest: { frequency: 'off', weekday: 1, hour: 8 } },
    status: 409,
    schema: versionConflictBody(Webhook),
  },
]

/** The demo organisation at the recording, loaded once; each test copies it, so no test sees another's writes. */
let seeded: TestDatabase

beforeAll(async () => {
  // Only Date: the answers' "now" and default dates are the recording's, while timers and I/O run as usual.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(RECORDED_AT)
  seeded = await createTestDatabase()
  await loadDemoDataIfEmpty(seeded.pool, { password, today: RECORDED_AT })
  await seeded.closeClients()
}, 180_000)

afterAll(async () => {
  vi.useRealTimers()
  await seeded?.[Symbol.asyncDispose]()
})

/** A copy of the demo data and an app on it, signed in as the recorded users. */
async function demoApp(): Promise<{ app: App; sessions: Record<Recording['as'], Session> } & AsyncDisposable> {
  const db = await createTestDatabase({ template: seeded.name })
  const app = await buildApp({ config: testConfig(), store: db })
  const sessions = {} as Record<Recording['as'], Session>
  for (const role of ['admin', 'manager'] as const) sessions[role] = await loginAs(app, `${role}@example.com`, password)
  return {
    app,
    sessions,
    async [Symbol.asyncDispose]() {
      await app.close()
      await db[Symbol.asyncDispose]()
    },
  }
}

const send = (app: App, as: Session, { method, url, body }: Request) =>
  app.inject({ method, url, headers: as.headers, ...(body ? { payload: body } : {}) })

test.each(recordings.map((recording) => ({ ...recording, name: path.basename(recording.file) })))(
  '$name: $method $url answers as recorded',
  async (recording) => {
    await using demo = await demoApp()
    const { app } = demo
    const as = demo.sessions[recording.as]
    for (const write of recording.after ?? []) {
      const response = await send(app, as, write)
      expect(response.statusCode, `${write.method} ${write.url}: ${response.body}`).toBeLessThan(300)
    }
    const response = await send(app, as, recording)
    expect(response.statusCode, response.body.slice(0, 300)).toBe(recording.status)
    const received: unknown = response.json()
    // The contract schema the web parses with must accept it, and nothing may be dropped by parsing.
    expect(recording.schema.parse(received)).toEqual(received)
    const answer = settle(received, recording.volatile)
    if (update) writeFileSync(recording.file, `${JSON.stringify(answer, null, 2)}\n`)
    else expect(answer).toEqual(JSON.parse(readFileSync(recording.file, 'utf8')))
  },
)

import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import conflictWebhookJson from '../testing/fixtures/conflict-webhook.json'
import regionsJson from '../testing/fixtures/regions.json'
import settingsJson from '../testing/fixtures/settings.json'
import teamsJson from '../testing/fixtures/teams.json'
import usersJson from '../testing/fixtures/users.json'
import webhookCreatedJson from '../testing/fixtures/webhook-created.json'
import deliveriesJson from '../testing/fixtures/webhook-deliveries.json'
import testUnreachableJson from '../testing/fixtures/webhook-test-unreachable.json'
import urlNotPublicJson from '../testing/fixtures/webhook-url-not-public.json'
import webhooksJson from '../testing/fixtures/webhooks.json'
import { I18nProvider } from '../../../i18n/i18n.tsx'
import { renderWithQueries } from '../../../test/render.tsx'
import {
  json,
  notFound,
  patchVersioned,
  startTestApi,
  type TestApi,
  type TestAnswer,
  type TestRequest,
} from '../../../test/test-api.ts'
import { WebhooksSection } from './WebhooksSection.tsx'
import { DeliveriesPage, TestResult, Webhook, WebhookCreated } from '@kpi/contract/webhooks'

// The demo organisation's teams and people, and three webhooks as the real API lists them (web-fixtures.test.ts):
// 1 Slack about team North, weekly digest Monday 08:00, Dutch; 2 Teams about the whole organisation, daily 07:00;
// 3 a paused signed-JSON one about rep 3 (Tim Dijkstra). Webhook 1 had a test that could not reach its receiver.
let api: TestApi
let hooks: Webhook[]
let answers: Record<string, (request: TestRequest) => TestAnswer>

const noDeliveries = { items: [], page: 1, pageSize: 50 }

beforeEach(async () => {
  hooks = Webhook.array().parse(webhooksJson)
  answers = {}
  api = await startTestApi((request) => {
    const own = answers[`${request.method} ${request.path}`]
    if (own) return own(request)
    if (request.method !== 'GET') return notFound(request)
    if (request.path === '/api/webhooks') return json(200, hooks)
    if (request.path === '/api/webhooks/1/deliveries') return json(200, deliveriesJson)
    if (/^\/api\/webhooks\/\d+\/deliveries$/.test(request.path)) return json(200, noDeliveries)
    const lists: Record<string, unknown> = {
      '/api/teams': teamsJson,
      '/api/users': usersJson,
      '/api/regions': regionsJson,
      '/api/settings': settingsJson,
    }
    return request.path in lists ? json(200, lists[request.path]) : notFound(request)
  })
})
afterEach(async () => {
  await api.close()
})

async function renderSection(locale: 'en' | 'nl' = 'en') {
  renderWithQueries(
    <I18nProvider locale={locale}>
      <WebhooksSection />
    </I18nProvider>,
  )
  await screen.findByRole('list', { name: 'Webhooks' })
}

const card = (masked: string) => screen.getByText(masked, { selector: 'strong' }).closest('li')!
const facts = (masked: string) =>
  Object.fromEntries(
    [...card(masked).querySelectorAll('dl > div')].map((row) => [
      row.querySelector('dt')!.textContent,
      row.querySelector('dd')!.textContent,
    ]),
  )
const requestsOf = (method: string, path: string) =>
  api.requests.filter((r) => r.method === method && r.path === path).map((r) => r.body)

describe('the webhooks list', () => {
  test('shows host and the last 4 characters only, the format, what it is about, the schedule and the last delivery', async () => {
    await renderSection()
    const slack = 'hooks.slack.invalid/…/wxyz'
    const teams = 'contoso.webhook.office.invalid/…/k9Qz'
    const own = 'crm.example.invalid/…/ents'
    // The secret path of a Slack or Teams URL is nowhere on the page.
    expect(document.body.textContent).not.toContain('T0001/B0002')
    expect(document.body.textContent).not.toContain('IncomingWebhook')
    expect(within(card(slack)).getByText('Slack')).toBeTruthy()
    // Webhook 1's test could not reach the receiver: waiting for the retry, with the reason.
    await waitFor(() =>
      expect(facts(slack)['Last delivery']).toMatch(
        /^… Not delivered yet — the receiver could not be reached; next try /,
      ),
    )
    expect(facts(slack)).toMatchObject({ About: 'North', Digest: 'Weekly, Monday 08:00', Language: 'Dutch' })
    expect(within(card(teams)).getByText('Microsoft Teams')).toBeTruthy()
    expect(facts(teams)).toMatchObject({ About: 'Whole organisation', Digest: 'Daily, 07:00', Language: 'English' })
    expect(within(card(own)).getByText('Signed JSON')).toBeTruthy()
    expect(within(card(own)).getByText('Paused')).toBeTruthy()
    await waitFor(() => expect(facts(own)['Last delivery']).toBe('Nothing sent yet'))
    expect(facts(own)).toMatchObject({ About: 'Tim Dijkstra', Digest: 'Zone changes only' })
  })

  test('in Dutch: formats, schedule with the weekday, scope names and the delivery state', async () => {
    await renderSection('nl')
    const slack = 'hooks.slack.invalid/…/wxyz'
    await waitFor(() =>
      expect(facts(slack)['Laatste verzending']).toMatch(
        /^… Nog niet afgeleverd — de ontvanger was niet bereikbaar; volgende poging /,
      ),
    )
    expect(facts(slack)).toMatchObject({ Over: 'North', Overzicht: 'Wekelijks, maandag 08:00', Taal: 'Nederlands' })
    expect(facts('contoso.webhook.office.invalid/…/k9Qz')).toMatchObject({
      Over: 'Hele organisatie',
      Overzicht: 'Dagelijks, 07:00',
      Taal: 'Engels',
    })
    expect(within(card('crm.example.invalid/…/ents')).getByText('Ondertekende JSON')).toBeTruthy()
    expect(within(card('crm.example.invalid/…/ents')).getByText('Gepauzeerd')).toBeTruthy()
    expect(facts('crm.example.invalid/…/ents')['Overzicht']).toBe('Alleen zonewissels')
  })
})

describe('adding and editing', () => {
  // The API answers every creation with the signing secret; the page shows it only for signed JSON.
  const created = (request: TestRequest) => {
    const row = Webhook.parse({ ...(request.body as object), id: 4, version: 1, createdAt: webhooksJson[0]!.createdAt })
    hooks = [...hooks, row]
    return json(201, { ...row, secret: 'b7'.repeat(32) })
  }

  test('a Teams webhook for a team, with a weekly digest: the body says so, and no secret is shown', async () => {
    answers['POST /api/webhooks'] = (request) => created(request)
    await renderSection()
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }))
    const form = screen.getByRole('form', { name: 'Add webhook' })
    // Each format says where its URL comes from.
    expect(within(form).getByRole('radio', { name: 'Slack' }).getAttribute('aria-describedby')).toBeTruthy()
    expect(within(form).getByText(/Workflow “Post to a channel when a webhook request is received”/)).toBeTruthy()
    expect(within(form).getByText(/we sign each body with the secret shown once/)).toBeTruthy()
    fireEvent.change(within(form).getByLabelText('Webhook URL'), {
      target: { value: ' https://contoso.webhook.office.com/webhookb2/aa/IncomingWebhook/bb/cc ' },
    })
    fireEvent.click(within(form).getByRole('radio', { name: 'Microsoft Teams' }))
    fireEvent.change(within(form).getByLabelText('Language'), { target: { value: 'nl' } })
    fireEvent.change(within(form).getByLabelText('About'), { target: { value: 'team:2' } })
    fireEvent.change(within(form).getByLabelText('Digest'), { target: { value: 'weekly' } })
    fireEvent.change(within(form).getByLabelText('Day'), { target: { value: '5' } })
    // The hour is in the organisation's time zone, and the label says which.
    fireEvent.change(await within(form).findByLabelText('Hour (Europe/Amsterdam)'), { target: { value: '16' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull())
    expect(requestsOf('POST', '/api/webhooks')).toEqual([
      {
        url: 'https://contoso.webhook.office.com/webhookb2/aa/IncomingWebhook/bb/cc',
        format: 'teams',
        locale: 'nl',
        scope: 'team:2',
        digest: { frequency: 'weekly', weekday: 5, hour: 16 },
        active: true,
      },
    ])
    const teams = 'contoso.webhook.office.com/…/b/cc'
    await screen.findByText(teams, { selector: 'strong' })
    expect(facts(teams)).toMatchObject({ About: 'South', Digest: 'Weekly, Friday 16:00' })
    expect(screen.queryByLabelText('Signing secret')).toBeNull()
    expect(document.body.innerHTML).not.toContain('b7'.repeat(32))
  })

  test('a signed-JSON webhook: its secret is shown once, with a warning, and gone after "I have saved it"', async () => {
    const secret = 'a3f1'.repeat(16)
    // The recorded creation answer, with a secret of this test's own where the recording has <varies>.
    answers['POST /api/webhooks'] = () => {
      const answer = WebhookCreated.parse({ ...webhookCreatedJson, id: 4, secret })
      hooks = [...hooks, Webhook.parse(answer)]
      return json(201, answer)
    }
    await renderSection()
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }))
    const form = screen.getByRole('form', { name: 'Add webhook' })
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: webhookCreatedJson.url } })
    fireEvent.click(within(form).getByRole('radio', { name: 'Signed JSON' }))
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    const shown = await screen.findByLabelText('Signing secret')
    expect((shown as HTMLInputElement).value).toBe(secret)
    expect(document.activeElement).toBe(shown) // focus on it, ready to copy
    expect(screen.getByText(/Copy it now: it will not be shown again/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'I have saved it' }))
    expect(screen.queryByLabelText('Signing secret')).toBeNull()
    expect(document.body.innerHTML).not.toContain(secret)
    // Editing it later does not bring the secret back either.
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: 'Edit webhook crm.example.invalid/…/ents' })).toHaveLength(2),
    )
    fireEvent.click(screen.getAllByRole('button', { name: 'Edit webhook crm.example.invalid/…/ents' })[1]!)
    expect(document.body.innerHTML).not.toContain(secret)
  })

  test('a URL the API refuses: its message under the URL input, which is marked invalid', async () => {
    answers['POST /api/webhooks'] = () => json(400, urlNotPublicJson)
    await renderSection()
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }))
    const form = screen.getByRole('form', { name: 'Add webhook' })
    const url = within(form).getByLabelText('Webhook URL')
    fireEvent.change(url, { target: { value: 'http://127.0.0.1:9/hook' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'))
    const message = document.getElementById(url.getAttribute('aria-describedby')!)!
    expect(message.textContent).toBe(urlNotPublicJson.message)
    expect(screen.getByRole('form', { name: 'Add webhook' })).toBeTruthy() // stays open, values kept
    expect((url as HTMLInputElement).value).toBe('http://127.0.0.1:9/hook')
  })

  test('Save without a URL asks for one and sends nothing', async () => {
    await renderSection('nl')
    fireEvent.click(screen.getByRole('button', { name: 'Webhook toevoegen' }))
    const form = screen.getByRole('form', { name: 'Webhook toevoegen' })
    fireEvent.click(within(form).getByRole('button', { name: 'Opslaan' }))
    expect(await within(form).findByText('Plak de URL van de webhook.')).toBeTruthy()
    expect(requestsOf('POST', '/api/webhooks')).toEqual([])
  })

  test('an edit keeps the stored URL unless a new one is typed, and sends the version it read', async () => {
    answers['PATCH /api/webhooks/2'] = (request) => {
      const result = patchVersioned(hooks[1]!, request.body)
      if (result.status === 409) return json(409, result.body)
      hooks = hooks.map((hook) => (hook.id === 2 ? result.row : hook))
      return json(200, result.row)
    }
    await renderSection()
    fireEvent.click(screen.getByRole('button', { name: 'Edit webhook contoso.webhook.office.invalid/…/k9Qz' }))
    const form = screen.getByRole('form', { name: 'Edit webhook contoso.webhook.office.invalid/…/k9Qz' })
    const url = within(form).getByLabelText('Webhook URL') as HTMLInputElement
    expect(url.value).toBe('') // the stored URL is a secret: never put back into an input
    expect((within(form).getByRole('radio', { name: 'Microsoft Teams' }) as HTMLInputElement).checked).toBe(true)
    fireEvent.change(within(form).getByLabelText('Digest'), { target: { value: 'off' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull())
    expect(requestsOf('PATCH', '/api/webhooks/2')).toEqual([
      {
        format: 'teams',
        locale: 'en',
        scope: null,
        digest: { frequency: 'off', weekday: 1, hour: 7 },
        active: true,
        version: 1,
      },
    ])
    await waitFor(() => expect(facts('contoso.webhook.office.invalid/…/k9Qz')['Digest']).toBe('Zone changes only'))
  })

  test('a stale version: theirs beside mine; "use theirs" loads their values into the form', async () => {
    answers['PATCH /api/webhooks/1'] = () => json(409, conflictWebhookJson)
    await renderSection()
    fireEvent.click(screen.getByRole('button', { name: 'Edit webhook hooks.slack.invalid/…/wxyz' }))
    const form = screen.getByRole('form', { name: 'Edit webhook hooks.slack.invalid/…/wxyz' })
    fireEvent.change(within(form).getByLabelText('Digest'), { target: { value: 'off' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    const conflict = await within(form).findByRole('alert')
    const row = (label: string) =>
      [...conflict.querySelectorAll('tbody tr')]
        .map((tr) => [...tr.children].map((cell) => cell.textContent))
        .find(([name]) => name === label)
    // Someone else set the language to English meanwhile; I changed the digest.
    expect(row('Language')).toEqual(['Language', 'Dutch', 'English'])
    expect(row('Digest')).toEqual(['Digest', 'Zone changes only', 'Weekly, Monday 08:00'])
    fireEvent.click(within(conflict).getByRole('button', { name: 'Use theirs' }))
    expect((within(form).getByLabelText('Language') as HTMLSelectElement).value).toBe('en')
    expect((within(form).getByLabelText('Digest') as HTMLSelectElement).value).toBe('weekly')
  })

  test('delete asks first; the confirmation sends the version read', async () => {
    answers['DELETE /api/webhooks/3'] = () => {
      hooks = hooks.filter((hook) => hook.id !== 3)
      return { status: 204 }
    }
    await renderSection()
    const deleteButton = screen.getByRole('button', { name: 'Delete webhook crm.example.invalid/…/ents' })
    fireEvent.click(deleteButton)
    let dialog = screen.getByRole('alertdialog', { name: 'Delete webhook crm.example.invalid/…/ents?' })
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }))
    // Escape (or Cancel) changes nothing and puts focus back on the Delete button.
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(deleteButton)
    fireEvent.click(deleteButton)
    dialog = screen.getByRole('alertdialog', { name: 'Delete webhook crm.example.invalid/…/ents?' })
    expect(api.lines().filter((line) => line.startsWith('DELETE'))).toEqual([])
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete webhook' }))
    await waitFor(() => expect(screen.queryByText('crm.example.invalid/…/ents')).toBeNull())
    expect(api.lines()).toContain('DELETE /api/webhooks/3?version=1')
  })
})

describe('test and deliveries', () => {
  const recorded = TestResult.parse(testUnreachableJson).delivery

  test.each([
    {
      outcome: 'unreachable (recorded)',
      delivery: recorded,
      expected: /^Test message: … Not delivered yet — the receiver could not be reached; next try /,
    },
    {
      outcome: 'delivered',
      delivery: {
        ...recorded,
        status: 'delivered',
        nextAttemptAt: null,
        lastError: null,
        lastStatusCode: 200,
        deliveredAt: recorded.createdAt,
      },
      expected: /^Test message: ✓ Delivered$/,
    },
    {
      outcome: 'refused for good',
      delivery: {
        ...recorded,
        status: 'failed',
        attempts: 6,
        nextAttemptAt: null,
        lastError: 'HTTP 404',
        lastStatusCode: 404,
      },
      expected: /^Test message: ✕ Failed — HTTP 404$/,
    },
  ])('"Send a test" shows the outcome: $outcome', async ({ delivery, expected }) => {
    answers['POST /api/webhooks/1/test'] = () => json(200, { delivery })
    await renderSection()
    fireEvent.click(screen.getByRole('button', { name: 'Send a test to hooks.slack.invalid/…/wxyz' }))
    await waitFor(() =>
      expect(within(card('hooks.slack.invalid/…/wxyz')).getByRole('status').textContent).toMatch(expected),
    )
    expect(api.lines()).toContain('POST /api/webhooks/1/test')
  })

  test('"Send a test" in Dutch: the reason in Dutch', async () => {
    answers['POST /api/webhooks/1/test'] = () => json(200, testUnreachableJson)
    await renderSection('nl')
    fireEvent.click(screen.getByRole('button', { name: 'Test versturen naar hooks.slack.invalid/…/wxyz' }))
    await waitFor(() =>
      expect(within(card('hooks.slack.invalid/…/wxyz')).getByRole('status').textContent).toMatch(
        /^Testbericht: … Nog niet afgeleverd — de ontvanger was niet bereikbaar; volgende poging /,
      ),
    )
  })

  test('the deliveries list: state, attempts, last error; narrowed to the failed ones on request', async () => {
    const failed = DeliveriesPage.parse({
      ...deliveriesJson,
      items: [
        {
          ...deliveriesJson.items[0],
          id: '7',
          status: 'failed',
          attempts: 6,
          nextAttemptAt: null,
          lastError: 'HTTP 410',
          lastStatusCode: 410,
        },
      ],
    })
    answers['GET /api/webhooks/1/deliveries'] = (request) =>
      json(200, request.query.get('status') === 'failed' ? failed : deliveriesJson)
    await renderSection()
    const toggle = screen.getByRole('button', { name: 'Deliveries of hooks.slack.invalid/…/wxyz' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    await screen.findByRole('list', { name: 'Deliveries' })
    const items = () =>
      within(screen.getByRole('list', { name: 'Deliveries' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent)
    expect(items()).toHaveLength(1)
    expect(items()[0]).toMatch(/^Test · .*Not delivered yet — the receiver could not be reached; next try .*1 attempt$/)
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'failed' } })
    await waitFor(() => expect(items()[0]).toMatch(/✕ Failed — HTTP 410.*6 attempts · HTTP 410$/))
    expect(api.lines()).toContain('GET /api/webhooks/1/deliveries?status=failed')
  })
})

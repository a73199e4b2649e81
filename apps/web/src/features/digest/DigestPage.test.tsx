import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { MANAGER_ME } from '../../test/app-shell-answers.ts'
import { renderAppAt } from '../../test/render-app.tsx'
import { json, notFound, startTestApi } from '../../test/test-api.ts'
import type { TestAnswer, TestApi, TestRequest } from '../../test/test-api.ts'
import digestScopeRefusedJson from '../../test/fixtures/digest-scope-refused.json'
import digestTestNoMailJson from '../../test/fixtures/digest-test-no-mail.json'
import meDigestManagerJson from '../../test/fixtures/me-digest-manager.json'
import { DigestSend, DigestSettings } from '@kpi/contract/digests'

// GET /api/me/digest for the demo manager (Eva Vos, manages team North) before she has chosen, recorded on
// Wednesday 25 Nov 2026: her role's default, weekly on Monday at 08:00 about her team's month; the next Monday
// 08:00 in Amsterdam is 30 Nov, 07:00 UTC (winter time, UTC+1).
// Recorded by a test app without SMTP, where nothing is scheduled (nextDueAt null). With mail configured the API
// names the next Monday 08:00 in Amsterdam after the recording's clock (2026-11-25): 30 November, 07:00 UTC.
const managerDefault = { ...DigestSettings.parse(meDigestManagerJson), nextDueAt: '2026-11-30T07:00:00.000Z' }

// "Send me a test" handed to the mail outbox: the recorded answer (without SMTP it failed) as it reads with SMTP set.
const testSent = () =>
  DigestSend.parse({
    ...digestTestNoMailJson,
    status: 'sent',
    lastError: null,
    handoff: { status: 'queued', error: null },
    sentAt: digestTestNoMailJson.createdAt,
  })

let api: TestApi | undefined
afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

/** The API of a signed-in manager: /api/me, the digest choice (kept as PUT stores it), the test button's answer. */
async function open(
  locale: 'en' | 'nl',
  options: {
    settings?: DigestSettings
    me?: typeof MANAGER_ME
    put?: (request: TestRequest) => TestAnswer | undefined
    test?: () => TestAnswer
  } = {},
) {
  let stored = options.settings ?? managerDefault
  api = await startTestApi((request) => {
    const { method, path } = request
    if (path === '/api/me') return json(200, options.me ?? MANAGER_ME)
    if (method === 'GET' && path === '/api/me/digest') return json(200, stored)
    if (method === 'PUT' && path === '/api/me/digest') {
      const refused = options.put?.(request)
      if (refused) return refused
      // As the API stores a choice: the row exists now (no longer the default), the next send moves with it.
      const body = request.body as Pick<DigestSettings, 'frequency' | 'hour' | 'scope' | 'period'>
      stored = {
        ...stored,
        ...body,
        isDefault: false,
        nextDueAt: body.frequency === 'daily' ? '2026-11-26T06:00:00.000Z' : stored.nextDueAt,
      }
      return json(200, stored)
    }
    if (method === 'POST' && path === '/api/me/digest/test') return options.test?.() ?? notFound(request)
    return notFound(request)
  })
  renderAppAt('/me/digest', { locale })
  await screen.findByRole('heading', { level: 1, name: locale === 'en' ? 'E-mail digest' : 'E-mailoverzicht' })
  return api
}

/** The page's own status messages, not the route announcer's (components/layout/RouteAnnouncer.tsx). */
const pageStatus = () =>
  waitFor(() => {
    const own = screen.queryAllByRole('status').filter((el) => !el.classList.contains('route-announcer'))
    expect(own).toHaveLength(1)
    return own[0]!
  })
const noPageStatus = () =>
  screen.queryAllByRole('status').filter((el) => !el.classList.contains('route-announcer')).length === 0

const select = (name: string) => screen.getByLabelText(name) as HTMLSelectElement
const selectedText = (name: string) => select(name).selectedOptions[0]?.textContent

describe('E-mail digest page', () => {
  test("a manager's default: weekly on Monday 08:00 about their team, in the organisation's time zone", async () => {
    await open('en')
    expect(await screen.findByText('Next: Monday 30 November at 08:00')).toBeTruthy()
    expect(screen.getByText('You are on the default for your role.')).toBeTruthy()
    const frequency = screen.getByRole('group', { name: 'How often' })
    expect(within(frequency).getByLabelText('Weekly')).toHaveProperty('checked', true)
    expect(within(frequency).getByLabelText('Daily')).toHaveProperty('checked', false)
    expect(selectedText('Day')).toBe('Monday')
    expect(selectedText('Time')).toBe('08:00')
    expect(select('Time').options).toHaveLength(24)
    expect(screen.getByText('in Europe/Amsterdam time')).toBeTruthy()
    expect(selectedText('About')).toBe('Team North')
    // What a manager may open, as the dashboard offers it, each scope spelled out.
    expect([...select('About').options].map((o) => [o.value, o.textContent])).toEqual([
      ['team:1', 'Team North'],
      ['rep:2', 'My own figures'],
    ])
    expect(selectedText('Period')).toBe('Month')
    expect(screen.getByLabelText('Also send when there is nothing to report')).toHaveProperty('checked', false)
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true) // nothing changed yet
  })

  test('saving sends the whole choice; the stored answer replaces the default', async () => {
    const server = await open('en')
    fireEvent.click(await screen.findByLabelText('Daily'))
    expect(screen.queryByLabelText('Day')).toBeNull() // a weekday only matters weekly
    fireEvent.change(select('Time'), { target: { value: '7' } })
    fireEvent.change(select('Period'), { target: { value: 'week' } })
    fireEvent.click(screen.getByLabelText('Also send when there is nothing to report'))
    const save = screen.getByRole('button', { name: 'Save' })
    expect(save).toHaveProperty('disabled', false)
    fireEvent.click(save)
    expect((await pageStatus()).textContent).toBe('Saved')
    expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      frequency: 'daily',
      weekday: 1,
      hour: 7,
      scope: 'team:1',
      period: 'week',
      sendWhenEmpty: true,
    })
    // 26 Nov 2026 06:00 UTC is 07:00 in Amsterdam.
    expect(screen.getByText('Next: Thursday 26 November at 07:00')).toBeTruthy()
    expect(screen.queryByText('You are on the default for your role.')).toBeNull()
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true)
  })

  test("the API's refusal of a scope shows at the scope field", async () => {
    // A session from before the manager lost team South (2): the page still offers it, the API refuses it with the
    // answer recorded for a team that is not theirs.
    const staleMe = {
      ...MANAGER_ME,
      user: {
        ...MANAGER_ME.user,
        managedTeams: [...MANAGER_ME.user.managedTeams, { id: 2, name: 'South' }],
        teams: [...MANAGER_ME.user.teams, { id: 2, name: 'South' }],
      },
    }
    await open('en', {
      me: staleMe,
      put: (request) =>
        (request.body as { scope: string }).scope === 'team:2' ? json(400, digestScopeRefusedJson) : undefined,
    })
    fireEvent.change(await screen.findByLabelText('About'), { target: { value: 'team:2' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    const message = await screen.findByRole('alert')
    expect(message.textContent).toBe('you may not see the figures of team:2')
    expect(select('About').getAttribute('aria-invalid')).toBe('true')
    expect(select('About').getAttribute('aria-describedby')).toBe(message.id)
    expect(noPageStatus()).toBe(true)
  })

  test('"Send me a test": where it went', async () => {
    const server = await open('en', { test: () => json(200, testSent()) })
    fireEvent.click(await screen.findByRole('button', { name: 'Send me a test' }))
    expect((await pageStatus()).textContent).toBe('Sent to manager@example.com — check your inbox.')
    expect(server.lines()).toContain('POST /api/me/digest/test')
    // Read again, so "Last digest" names the test.
    await waitFor(() => expect(server.lines().filter((line) => line === 'GET /api/me/digest')).toHaveLength(2))
  })

  test('"Send me a test": why it could not go (no e-mail on the server), worded for the person', async () => {
    // As recorded from the API without SMTP_URL.
    await open('en', { test: () => json(200, DigestSend.parse(digestTestNoMailJson)) })
    fireEvent.click(await screen.findByRole('button', { name: 'Send me a test' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not send the test: e-mail is not set up on this server. Ask your admin to configure sending (SMTP_URL).',
    )
  })

  test('while the organisation has digests off, the page says so and plans nothing', async () => {
    await open('en', { settings: { ...managerDefault, organizationEnabled: false } })
    expect(
      await screen.findByText(
        'Your organisation has turned digests off. Your choice is kept and applies again when an admin turns them back on.',
      ),
    ).toBeTruthy()
    expect(screen.getByTestId('digest-next').textContent).toBe('No digest is scheduled.')
  })

  test('in Dutch: the days, the next send and the outcome of a test', async () => {
    await open('nl', {
      settings: { ...managerDefault, lastSent: { at: '2026-11-23T07:00:00.000Z', status: 'skipped' } },
      test: () => json(200, testSent()),
    })
    expect(await screen.findByText('Volgende: maandag 30 november om 08:00')).toBeTruthy()
    expect(screen.getByText('Je hebt de standaardinstelling voor je rol.')).toBeTruthy()
    expect(within(screen.getByRole('group', { name: 'Hoe vaak' })).getByLabelText('Wekelijks')).toHaveProperty(
      'checked',
      true,
    )
    expect([...select('Dag').options].map((o) => o.textContent)).toEqual([
      'maandag',
      'dinsdag',
      'woensdag',
      'donderdag',
      'vrijdag',
      'zaterdag',
      'zondag',
    ])
    expect(screen.getByText('in de tijd van Europe/Amsterdam')).toBeTruthy()
    expect(selectedText('Periode')).toBe('Maand')
    expect(
      screen.getByText('Laatste overzicht: maandag 23 november om 08:00 — niet verstuurd, niets te melden'),
    ).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Stuur mij een test' }))
    expect((await pageStatus()).textContent).toBe('Verstuurd naar manager@example.com — kijk in je inbox.')
  })
})

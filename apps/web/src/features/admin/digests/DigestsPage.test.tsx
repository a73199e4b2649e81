import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import digestSendsFailedJson from '../testing/fixtures/digest-sends-failed.json'
import digestsJson from '../testing/fixtures/digests.json'
import settingsJson from '../testing/fixtures/settings.json'
import { MANAGER_ME } from '../../../test/app-shell-answers.ts'
import { renderAppAt } from '../../../test/render-app.tsx'
import { json, notFound, patchVersioned, startTestApi } from '../../../test/test-api.ts'
import type { TestApi } from '../../../test/test-api.ts'
import { DigestOverview, DigestSend, DigestSendsPage, RunDigestsResult } from '@kpi/contract/digests'
import { Settings } from '@kpi/contract/settings'

const ADMIN_ME = { ...MANAGER_ME, user: { ...MANAGER_ME.user, id: 1, name: 'Ada Admin', role: 'admin' } }

// A manager's scheduled digest that went out, and a rep's whose e-mail the mail server refused (shapes of
// GET /api/digests/sends, checked against the contract).
const evaSent = DigestSend.parse({
  id: '7',
  recipient: { type: 'user', id: 2, name: 'Eva Vos' },
  channel: 'email',
  scope: 'team:1',
  period: 'month',
  dueAt: '2026-11-30T07:00:00.000Z',
  manual: false,
  status: 'sent',
  lastError: null,
  attempts: 1,
  handoff: { status: 'sent', error: null },
  createdAt: '2026-11-30T07:00:02.000Z',
  sentAt: '2026-11-30T07:00:03.000Z',
})
const bramFailed = DigestSend.parse({
  ...evaSent,
  id: '8',
  recipient: { type: 'user', id: 3, name: 'Bram de Boer' },
  scope: 'rep:3',
  handoff: { status: 'failed', error: '550 5.1.1 mailbox unavailable' },
})

// GET /api/digests: the manager weekly on her role's default, the rep daily at 07:00 by his own choice.
const overview = (enabled: boolean) =>
  DigestOverview.parse({
    enabled,
    mailEnabled: true,
    failedLast7Days: 1,
    recipients: [
      {
        user: { id: 2, name: 'Eva Vos', email: 'manager@example.com', role: 'manager' },
        frequency: 'weekly',
        weekday: 1,
        hour: 8,
        scope: 'team:1',
        scopeName: 'Team North',
        period: 'month',
        isDefault: true,
        nextDueAt: enabled ? '2026-12-07T07:00:00.000Z' : null,
        last: evaSent,
      },
      {
        user: { id: 3, name: 'Bram de Boer', email: 'rep@example.com', role: 'rep' },
        frequency: 'daily',
        weekday: 1,
        hour: 7,
        scope: 'rep:3',
        scopeName: 'Bram de Boer',
        period: 'week',
        isDefault: false,
        nextDueAt: enabled ? '2026-12-06T06:00:00.000Z' : null,
        last: bramFailed,
      },
    ],
  })

let api: TestApi | undefined
afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

/**
 * An admin's API: settings (recorded), PATCH with the versioned rule, the overview following the switch (or as
 * recorded), sends (all / failed), and run.
 */
async function open(
  locale: 'en' | 'nl',
  { storedVersion, recorded = false }: { storedVersion?: number; recorded?: boolean } = {},
) {
  let settings = Settings.parse(settingsJson)
  const server = await startTestApi((request) => {
    const { method, path, query } = request
    if (path === '/api/me') return json(200, ADMIN_ME)
    if (method === 'GET' && path === '/api/settings') return json(200, settings)
    if (method === 'PATCH' && path === '/api/settings') {
      // storedVersion: a colleague saved the settings meanwhile, the stored version is ahead of the one read.
      const stored = storedVersion === undefined ? settings : { ...settings, version: storedVersion }
      const result = patchVersioned(stored, request.body)
      if (result.status === 409) return result
      settings = result.row
      return json(200, settings)
    }
    if (method === 'GET' && path === '/api/digests')
      return json(200, recorded ? DigestOverview.parse(digestsJson) : overview(settings.digestsEnabled))
    if (method === 'GET' && path === '/api/digests/sends' && recorded)
      return json(
        200,
        query.get('status') === 'failed'
          ? DigestSendsPage.parse(digestSendsFailedJson)
          : { items: [], page: 1, pageSize: 50 },
      )
    if (method === 'GET' && path === '/api/digests/sends') {
      const items = query.get('status') === 'failed' ? [bramFailed] : [bramFailed, evaSent]
      return json(200, DigestSendsPage.parse({ items, page: 1, pageSize: 50 }))
    }
    if (method === 'POST' && path === '/api/digests/run') {
      const { userId } = request.body as { userId?: number }
      const sends =
        userId === 2 ? [{ ...evaSent, id: '9', manual: true, handoff: { status: 'queued', error: null } }] : []
      return json(200, RunDigestsResult.parse({ queued: sends.length, sends }))
    }
    return notFound(request)
  })
  api = server
  renderAppAt('/admin/digests', { locale })
  await screen.findByRole('heading', { level: 1, name: locale === 'en' ? 'Digests' : 'Overzichten per e-mail' })
  return { server }
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent)

describe('Digests (admin)', () => {
  test('who gets what: schedule, scope, next and last send with its error; failures counted', async () => {
    await open('en')
    const table = await screen.findByRole('table', { name: 'Who gets what' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map(cells)).toEqual([
      [
        'Eva Vosmanager@example.com',
        'Manager',
        'Weekly on Monday at 08:00default for the role',
        'Team North · Month',
        'Monday 7 December, 08:00',
        'Monday 30 November, 08:00SentE-mail: sent',
        'Send now',
      ],
      [
        'Bram de Boerrep@example.com',
        'Sales rep',
        'Daily at 07:00',
        'Bram de Boer · Week',
        'Sunday 6 December, 07:00',
        'Monday 30 November, 08:00SentE-mail: failed550 5.1.1 mailbox unavailable',
        'Send now',
      ],
    ])
    expect(screen.getByRole('alert').textContent).toBe('1 digest failed in the last 7 days')
  })

  test('"Send now" sends that person\'s digest at once', async () => {
    const { server } = await open('en')
    fireEvent.click(await screen.findByRole('button', { name: 'Send the digest of Eva Vos now' }))
    const row = screen.getByTestId('digest-recipient-2')
    await waitFor(() => expect(within(row).getByRole('status').textContent).toBe('Sent.'))
    expect(server.requests.filter((r) => r.path === '/api/digests/run').map((r) => r.body)).toEqual([{ userId: 2 }])
  })

  test('"Send what is due now" says how many went', async () => {
    const { server } = await open('en')
    fireEvent.click(await screen.findByRole('button', { name: 'Send what is due now' }))
    expect(await screen.findByText('Nothing was due.')).toBeTruthy()
    expect(server.requests.filter((r) => r.path === '/api/digests/run').map((r) => r.body)).toEqual([{}])
  })

  test('the switch turns digests off for the organisation through the settings, with their version', async () => {
    const { server } = await open('en')
    const box = await screen.findByLabelText('Send scheduled digests')
    expect(box).toHaveProperty('checked', true)
    fireEvent.click(box)
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Digests are off for the organisation: nothing goes out on schedule.')).toBeTruthy()
    expect(server.requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      { digestsEnabled: false, version: 1 },
    ])
    // The overview was asked again: nobody has a next send now.
    const table = screen.getByRole('table', { name: 'Who gets what' })
    await waitFor(() => expect(cells(within(table).getAllByRole('row')[1]!)[4]).toBe('—'))
  })

  test("a colleague's save meanwhile: theirs beside mine, keep mine saves against their version", async () => {
    const { server } = await open('en', { storedVersion: 2 })
    fireEvent.click(await screen.findByLabelText('Send scheduled digests'))
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    const form = screen.getByRole('form', { name: 'Digests for the organisation' })
    const keepMine = await within(form).findByRole('button', { name: 'Keep mine (overwrite)' })
    expect(cells(within(form).getAllByRole('row')[1]!)).toEqual(['Send scheduled digests', 'No', 'Yes'])
    fireEvent.click(keepMine)
    await waitFor(() =>
      expect(server.requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
        { digestsEnabled: false, version: 1 },
        { digestsEnabled: false, version: 2 },
      ]),
    )
  })

  test('recent sends, filtered to the failures with the mail server’s answer', async () => {
    const { server } = await open('en')
    const table = await screen.findByRole('table', { name: 'Recent digests' })
    expect(within(table).getAllByRole('row')).toHaveLength(3)
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'failed' } })
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Recent digests' })).getAllByRole('row')).toHaveLength(2),
    )
    const failed = within(screen.getByRole('table', { name: 'Recent digests' })).getAllByRole('row')[1]!
    expect(cells(failed)).toEqual([
      'Monday 30 November, 08:00',
      'Bram de Boer',
      'E-mail',
      'Bram de Boer · Month',
      'SentE-mail: failed550 5.1.1 mailbox unavailable',
    ])
    expect(server.lines()).toContain('GET /api/digests/sends?status=failed')
  })

  test('as recorded without SMTP_URL: e-mail digests cannot go out, and the failed "Send now" says why', async () => {
    await open('en', { recorded: true })
    await screen.findByText('E-mail is not configured (SMTP_URL): e-mail digests cannot go out.')
    const people = screen.getByRole('table', { name: 'Who gets what' })
    // The demo organisation: the admin off, the manager and reps weekly on Monday 08:00, nothing planned.
    expect(cells(within(people).getAllByRole('row')[2]!).slice(0, 5)).toEqual([
      'Eva Vosmanager@example.com',
      'Manager',
      'Weekly on Monday at 08:00default for the role',
      'North · Month',
      '—',
    ])
    expect(screen.getByText('No digests sent yet.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'failed' } })
    const sends = await screen.findByRole('table', { name: 'Recent digests' })
    expect(cells(within(sends).getAllByRole('row')[1]!)).toEqual([
      'Wednesday 25 November, 21:44',
      'Eva Vos',
      'E-mail',
      'North · Month',
      'Failed · by hande-mail is not configured (SMTP_URL)',
    ])
  })

  test('in Dutch', async () => {
    await open('nl')
    const table = await screen.findByRole('table', { name: 'Wie krijgt wat' })
    expect(cells(within(table).getAllByRole('row')[1]!)).toEqual([
      'Eva Vosmanager@example.com',
      'Manager',
      'Wekelijks op maandag om 08:00standaard voor de rol',
      'Team North · Maand',
      'maandag 7 december, 08:00',
      'maandag 30 november, 08:00VerstuurdE-mail: verstuurd',
      'Nu versturen',
    ])
    expect(screen.getByLabelText('Geplande overzichten versturen')).toHaveProperty('checked', true)
    expect(screen.getByRole('alert').textContent).toBe('1 overzicht mislukt in de afgelopen 7 dagen')
  })
})

import { screen, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { renderWithQueries } from '../../../test/render.tsx'
import { json, notFound, startTestApi, type TestApi } from '../../../test/test-api.ts'
import { MailPanel } from './MailPanel.tsx'
import { MailMessages } from '@kpi/contract/mail'

// Bodies in the shape of GET /api/mail/messages (checked against the contract before use).
const sent = {
  id: '11',
  kind: 'password_reset',
  to: 'anna@example.com',
  subject: 'Reset your password for Demo Sales B.V.',
  status: 'sent',
  attempts: 1,
  lastError: null,
  nextAttemptAt: null,
  createdAt: '2026-12-04T09:15:00.000Z',
  sentAt: '2026-12-04T09:15:02.000Z',
}
const failed = {
  ...sent,
  id: '12',
  to: 'gone@example.com',
  status: 'failed',
  attempts: 5,
  lastError: '550 5.1.1 mailbox unavailable',
  sentAt: null,
}

let api: TestApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})
async function show(body: unknown) {
  const parsed = MailMessages.parse(body)
  api = await startTestApi((request) => (request.path === '/api/mail/messages' ? json(200, parsed) : notFound(request)))
  renderWithQueries(<MailPanel />)
  await screen.findByRole('heading', { name: 'E-mail' })
}

describe('MailPanel', () => {
  test('sending off: says to set SMTP_URL and copy links by hand', async () => {
    await show({ enabled: false, items: [] })
    expect(screen.getByText('Sending is off: set SMTP_URL — until then copy links by hand.')).toBeTruthy()
    expect(screen.getByText('No e-mails yet.')).toBeTruthy()
  })

  test('failed messages first, prominent, with the mail server’s answer; every message with its state', async () => {
    await show({ enabled: true, items: [failed, sent] })
    const alert = screen.getByRole('alert')
    expect(within(alert).getByText('1 e-mail could not be sent')).toBeTruthy()
    expect(alert.textContent).toContain(
      'gone@example.com — Reset your password for Demo Sales B.V.: Mail server: 550 5.1.1 mailbox unavailable',
    )
    const rows = screen.getAllByRole('row').slice(1)
    expect(rows.map((row) => [...row.querySelectorAll('td')].slice(1).map((td) => td.textContent))).toEqual([
      [
        'Password reset',
        'gone@example.com',
        'Reset your password for Demo Sales B.V.',
        'Failed · 5 attempts550 5.1.1 mailbox unavailable',
      ],
      ['Password reset', 'anna@example.com', 'Reset your password for Demo Sales B.V.', 'Sent'],
    ])
  })
})

import { fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { I18nProvider } from '../../../i18n/i18n.tsx'
import type { Locale } from '../../../i18n/format.ts'
import { renderWithQueries } from '../../../test/render.tsx'
import { json, notFound, startTestApi, type TestApi, type TestRequest } from '../../../test/test-api.ts'
import { InvitationsList } from './InvitationsList.tsx'
import { InviteForm } from './InviteForm.tsx'
import { Invitation, type Invitation as InvitationOut } from '@kpi/contract/invitations'
import { ROLES } from '@kpi/contract/users'

// The invite form and the invitations list, answered as routes/invitations answers (bodies parsed with the
// contract's schemas).

const TEAMS = [
  { id: 1, name: 'North' },
  { id: 2, name: 'South' },
]
const LINK = `http://kpi.internal/invite/${'a'.repeat(43)}`
const base = {
  role: 'rep',
  teamId: 1,
  locale: 'en',
  invitedBy: { id: 1, name: 'Bram Admin' },
  createdAt: '2030-01-01T10:00:00.000Z',
  expiresAt: '2030-01-08T10:00:00.000Z',
  acceptedAt: null,
  revokedAt: null,
  userId: null,
} as const
const anna = Invitation.parse({
  ...base,
  id: 1,
  email: 'anna@example.com',
  name: 'Anna',
  state: 'pending',
  mail: { status: 'sent', error: null, sentAt: '2030-01-01T10:00:01.000Z' },
})
const gone = Invitation.parse({
  ...base,
  id: 2,
  email: 'gone@example.com',
  name: 'Gone',
  state: 'pending',
  mail: { status: 'failed', error: '550 5.1.1 mailbox unavailable', sentAt: null },
})
const cas = Invitation.parse({
  ...base,
  id: 3,
  email: 'cas@example.com',
  name: 'Cas',
  teamId: 2,
  state: 'accepted',
  acceptedAt: '2030-01-02T10:00:00.000Z',
  userId: 40,
  mail: { status: 'sent', error: null, sentAt: '2030-01-01T10:00:01.000Z' },
})

let api: TestApi | undefined
let invitations: InvitationOut[]
let mailEnabled = true

function answer(request: TestRequest) {
  const { method, path, body } = request
  if (method === 'GET' && path === '/api/invitations') return json(200, { mailEnabled, invitations })
  if (method === 'POST' && path === '/api/invitations') {
    const sent = body as { email: string; name: string; role: 'rep'; teamId: number | null }
    if (sent.email === 'anna@example.test')
      return json(409, {
        error: 'conflict',
        message: 'anna@example.test already has an account in this organisation',
        field: 'body.email',
      })
    const invitation = Invitation.parse({ ...base, ...sent, id: 9, state: 'pending', mail: null })
    invitations = [invitation, ...invitations]
    return json(201, mailEnabled ? { invitation } : { invitation, link: LINK })
  }
  const resend = /^\/api\/invitations\/(\d+)\/resend$/.exec(path)
  if (method === 'POST' && resend) {
    const invitation = invitations.find((i) => i.id === Number(resend[1]))!
    return json(200, mailEnabled ? { invitation } : { invitation, link: LINK })
  }
  const revoke = /^\/api\/invitations\/(\d+)$/.exec(path)
  if (method === 'DELETE' && revoke) {
    invitations = invitations.map((i) => (i.id === Number(revoke[1]) ? { ...i, state: 'revoked' as const } : i))
    return json(200, { invitation: invitations.find((i) => i.id === Number(revoke[1])) })
  }
  return notFound(request)
}

async function renderBoth({ mail, locale = 'en' }: { mail: boolean; locale?: Locale }) {
  mailEnabled = mail
  invitations = [anna, gone, cas]
  api = await startTestApi(answer)
  renderWithQueries(
    <I18nProvider locale={locale}>
      <InviteForm roles={ROLES} teams={TEAMS} teamRequired={false} />
      <InvitationsList teams={TEAMS} />
    </I18nProvider>,
  )
  await screen.findByRole('table')
}
afterEach(async () => {
  await api?.close()
  api = undefined
})

const rowOf = (email: string) => screen.getByRole('cell', { name: email }).closest('tr')!
const cells = (email: string) => [...rowOf(email).querySelectorAll('td')].slice(0, 6).map((td) => td.textContent)

describe('invitations', { timeout: 20_000 }, () => {
  test('the list shows state, team and e-mail delivery — a failure with the server’s answer', async () => {
    await renderBoth({ mail: true })
    expect(cells('anna@example.com')).toEqual(['Anna', 'anna@example.com', 'Sales rep', 'North', 'Pending', 'Sent'])
    expect(cells('gone@example.com')).toEqual([
      'Gone',
      'gone@example.com',
      'Sales rep',
      'North',
      'Pending',
      'Failed: 550 5.1.1 mailbox unavailable',
    ])
    expect(cells('cas@example.com')).toEqual(['Cas', 'cas@example.com', 'Sales rep', 'South', 'Accepted', 'Sent'])
    // Nothing left to do for an accepted invitation.
    expect(within(rowOf('cas@example.com')).queryByRole('button')).toBeNull()
  })

  test('inviting with mail on says it was sent and lists the invitation; a refusal names the field', async () => {
    await renderBoth({ mail: true })
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Anna' } })
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'anna@example.test' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send invitation' }))
    expect((await screen.findByText(/already has an account/)).id).toBe('invite-email-error')

    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'dana@example.com' } })
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'manager' } })
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: '2' } })
    fireEvent.change(screen.getByLabelText('Language of the e-mail'), { target: { value: 'nl' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send invitation' }))
    await screen.findByText('Invitation sent to dana@example.com.')
    const posted = api!.requests.filter((r) => r.method === 'POST' && r.path === '/api/invitations').at(-1)
    expect(posted?.body).toEqual({ email: 'dana@example.com', name: 'Anna', role: 'manager', teamId: 2, locale: 'nl' })
    await screen.findByRole('cell', { name: 'dana@example.com' })
    expect(screen.queryByRole('button', { name: 'Copy link' })).toBeNull()
  })

  test('the e-mail’s language starts as the inviter’s screen language', async () => {
    await renderBoth({ mail: true, locale: 'nl' })
    expect((screen.getByLabelText('Taal van de e-mail') as HTMLSelectElement).value).toBe('nl')
    fireEvent.change(screen.getByLabelText('Naam'), { target: { value: 'Eva' } })
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'eva@example.com' } })
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging versturen' }))
    await screen.findByText('Uitnodiging verstuurd naar eva@example.com.')
    const posted = api!.requests.filter((r) => r.method === 'POST' && r.path === '/api/invitations').at(-1)
    expect(posted?.body).toEqual({ email: 'eva@example.com', name: 'Eva', role: 'rep', teamId: null, locale: 'nl' })
  })

  test('mail off: the answer’s link is shown with a copy button, after inviting and after resending', async () => {
    await renderBoth({ mail: false })
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Eva' } })
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'eva@example.com' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send invitation' }))
    const link = (await screen.findByLabelText('Invitation link for eva@example.com')) as HTMLInputElement
    expect(link.value).toBe(LINK)
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Resend the invitation to anna@example.com' }))
    expect(((await screen.findByLabelText('Invitation link for anna@example.com')) as HTMLInputElement).value).toBe(
      LINK,
    )
  })

  test('revoke', async () => {
    await renderBoth({ mail: true })
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the invitation to anna@example.com' }))
    await screen.findByText('Revoked')
    expect(api!.lines()).toContain('DELETE /api/invitations/1')
    expect(within(rowOf('anna@example.com')).queryByRole('button')).toBeNull()
  })
})

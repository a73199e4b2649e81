import { fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { renderWithQueries } from '../../../test/render.tsx'
import { json, notFound, startTestApi, type TestApi } from '../../../test/test-api.ts'
import { InviteCell } from './InviteCell.tsx'

// A person imported without sign-in (decision 0028): the admin types an e-mail and invites THAT user.
const moses = {
  id: 9,
  name: 'Moses Frase',
  email: null,
  signIn: false,
  role: 'rep',
  teamId: 1,
  active: true,
  twoFactorEnabled: false,
  version: 1,
} as const
const invitation = {
  id: 3,
  email: 'moses@example.com',
  name: 'Moses Frase',
  role: 'rep',
  teamId: 1,
  locale: 'en',
  state: 'pending',
  invitedBy: { id: 1, name: 'Ada' },
  createdAt: '2026-12-01T09:00:00.000Z',
  expiresAt: '2026-12-08T09:00:00.000Z',
  acceptedAt: null,
  revokedAt: null,
  userId: 9,
  mail: null,
}

let api: TestApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

async function invite(answer: { status: number; body: unknown }) {
  const sent: unknown[] = []
  api = await startTestApi((request) => {
    if (request.method !== 'POST' || request.path !== '/api/invitations') return notFound(request)
    sent.push(request.body)
    return json(answer.status, answer.body)
  })
  renderWithQueries(
    <table>
      <tbody>
        <tr>
          <InviteCell user={moses} />
        </tr>
      </tbody>
    </table>,
  )
  fireEvent.change(screen.getByRole('textbox', { name: 'E-mail address for Moses Frase' }), {
    target: { value: 'moses@example.com' },
  })
  fireEvent.click(screen.getByRole('button', { name: 'Invite Moses Frase to sign in' }))
  return sent
}

describe('Invite a person without sign-in', () => {
  test('sends the e-mail with the user id and says it was e-mailed', async () => {
    const sent = await invite({ status: 201, body: { invitation } })
    expect((await screen.findByRole('status')).textContent).toBe('Invitation e-mailed to moses@example.com.')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toEqual({
      email: 'moses@example.com',
      name: 'Moses Frase',
      role: 'rep',
      teamId: 1,
      userId: 9,
    })
  })

  test('mail off: shows the link to hand over', async () => {
    const link = 'https://kpi.example.com/invite/Rk9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg'
    await invite({ status: 201, body: { invitation, link } })
    await screen.findByRole('status')
    expect((screen.getByRole('textbox', { name: /moses@example.com/ }) as HTMLInputElement).value).toBe(link)
  })

  test('a refusal is shown with the server’s message', async () => {
    await invite({
      status: 409,
      body: { error: 'conflict', message: 'moses@example.com already has an account in this organisation' },
    })
    expect((await screen.findByRole('alert')).textContent).toContain('already has an account')
  })
})

import { fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { renderAppAt } from '../../test/render-app.tsx'
import { LOCALE_STORAGE_KEY } from '../../i18n/i18n.tsx'
import { json, notFound, startTestApi, type TestApi, type TestRequest } from '../../test/test-api.ts'
import { MANAGER_ME } from '../../test/app-shell-answers.ts'
import dashboardManager from '../../test/fixtures/dashboard-manager.json'
import { InvitationPreview } from '@kpi/contract/invitations'

// The accept page through the whole App (public route, no session), answered as routes/invitations answers.

const GOOD = 'g'.repeat(43)
const EXPIRED = 'e'.repeat(43)
const preview = InvitationPreview.parse({
  organization: { name: 'Demo Sales B.V.' },
  invitedBy: { name: 'Bram Admin' },
  email: 'eva@example.com',
  name: 'Eva',
  role: 'manager',
  team: { name: 'North' },
  locale: 'en',
  expiresAt: '2030-01-08T10:00:00.000Z',
})

let api: TestApi | undefined
let signedIn = false

function answer(request: TestRequest) {
  const { method, path, body } = request
  const { token } = (body ?? {}) as { token?: string }
  if (path === '/api/invitations/preview' || path === '/api/invitations/accept') {
    if (token === EXPIRED)
      return json(400, {
        error: 'validation_failed',
        message: 'this invitation has expired — ask Bram Admin for a new one',
        field: 'body.token',
      })
    if (path === '/api/invitations/preview') return json(200, preview)
    signedIn = true
    return json(200, { user: MANAGER_ME.user })
  }
  if (path === '/api/me') return signedIn ? json(200, MANAGER_ME) : json(401, { error: 'unauthorized', message: 'no' })
  if (method === 'GET' && path === '/api/dashboard') return json(200, dashboardManager)
  return notFound(request)
}

async function open(path: string) {
  signedIn = false
  api = await startTestApi(answer)
  renderAppAt(path)
}

afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

describe('AcceptInvitationPage', { timeout: 20_000 }, () => {
  test('shows who invited whom; two different passwords are refused; accepting opens the dashboard', async () => {
    await open(`/invite/${GOOD}`)
    await screen.findByRole('heading', { level: 1, name: 'Join Demo Sales B.V.' })
    expect(screen.getByText('Bram Admin invited you to Demo Sales B.V. as a manager in North.')).toBeTruthy()
    expect(screen.queryByRole('heading', { name: 'Sign in' })).toBeNull()
    expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Eva')
    fireEvent.change(screen.getByLabelText('Choose a password (at least 8 characters)'), {
      target: { value: 'a long password' },
    })
    fireEvent.change(screen.getByLabelText(/Repeat the password/), { target: { value: 'another one' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }))
    expect((await screen.findByRole('alert')).textContent).toBe('The two passwords are not the same.')
    expect(api!.requests.filter((r) => r.path === '/api/invitations/accept')).toEqual([])

    fireEvent.change(screen.getByLabelText(/Repeat the password/), { target: { value: 'a long password' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }))
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    expect(window.location.pathname).toBe('/')
    const accepts = api!.requests.filter((r) => r.path === '/api/invitations/accept')
    // The page's language (en here) goes with it: the new account's e-mails follow it.
    expect(accepts.map((r) => r.body)).toEqual([
      { token: GOOD, name: 'Eva', password: 'a long password', locale: 'en' },
    ])
    // The token travelled in POST bodies only.
    expect(api!.requests.filter((r) => r.method === 'GET' && r.line.includes(GOOD))).toEqual([])
  })

  test('an expired link shows the API’s message and no form', async () => {
    await open(`/invite/${EXPIRED}`)
    await screen.findByRole('heading', { level: 1, name: 'This invitation cannot be used' })
    expect(screen.getByRole('alert').textContent).toBe('this invitation has expired — ask Bram Admin for a new one')
    expect(screen.queryByLabelText(/password/i)).toBeNull()
  })

  test('in Dutch', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'nl')
    try {
      await open(`/invite/${GOOD}`)
      await screen.findByRole('heading', { level: 1, name: 'Word lid van Demo Sales B.V.' })
      expect(
        screen.getByText('Bram Admin heeft je uitgenodigd voor Demo Sales B.V. als manager in North.'),
      ).toBeTruthy()
    } finally {
      window.localStorage.removeItem(LOCALE_STORAGE_KEY)
    }
  })
})

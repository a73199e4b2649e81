import { fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { renderWithQueries } from '../../../test/render.tsx'
import { json, notFound, startTestApi, type TestApi } from '../../../test/test-api.ts'
import { ResetLinkCell } from './ResetLinkCell.tsx'

const user = {
  id: 4,
  name: 'Yara de Haan',
  email: 'yara@example.com',
  signIn: true,
  role: 'rep',
  teamId: 1,
  active: true,
  twoFactorEnabled: false,
  version: 3,
} as const
const LINK = 'https://kpi.example.com/reset-password/Rk9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg'

let api: TestApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})
async function renderCell(answer: { status: number; body: unknown }) {
  api = await startTestApi((request) =>
    request.method === 'POST' && request.path === '/api/users/4/password-reset'
      ? json(answer.status, answer.body)
      : notFound(request),
  )
  renderWithQueries(
    <table>
      <tbody>
        <tr>
          <ResetLinkCell user={user} />
        </tr>
      </tbody>
    </table>,
  )
  fireEvent.click(screen.getByRole('button', { name: 'Send a password reset link to yara@example.com' }))
}

describe('Send reset link', () => {
  test('e-mail on: says it was e-mailed', async () => {
    await renderCell({ status: 202, body: { delivery: 'email' } })
    expect((await screen.findByRole('status')).textContent).toBe('Reset link e-mailed.')
  })

  test('e-mail off: shows the link to copy', async () => {
    await renderCell({ status: 200, body: { link: LINK } })
    const status = await screen.findByRole('status')
    expect(status.textContent).toContain(
      'Reset link for yara@example.com (works once, for 1 hour). Pass it on yourself:',
    )
    expect((screen.getByRole('textbox') as HTMLInputElement).value).toBe(LINK)
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy()
  })
})

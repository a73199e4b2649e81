import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import conflictTeamJson from '../testing/fixtures/conflict-team.json'
import conflictUserJson from '../testing/fixtures/conflict-user.json'
import invalidUserJson from '../testing/fixtures/invalid-user.json'
import teamsJson from '../testing/fixtures/teams.json'
import usersJson from '../testing/fixtures/users.json'
import { MANAGER_ME } from '../../../test/app-shell-answers.ts'
import { renderWithQueries } from '../../../test/render.tsx'
import { notFound, patchVersioned, startTestApi } from '../../../test/test-api.ts'
import type { TestApi, TestRequest } from '../../../test/test-api.ts'
import { UsersSection } from './UsersSection.tsx'
import type { RegionOut as Region } from '@kpi/contract/regions'
import { TeamList, TeamOut, type TeamOut as Team } from '@kpi/contract/teams'
import { UserList, UserOut, type UserOut as User } from '@kpi/contract/users'

// The demo organisation as the real API lists it (North, South, West; 18 users), and the rows a colleague's
// save left behind in the recorded 409 answers: user 4 renamed "Yara de Haan-Smit", team 2 "South & Islands".
const theirUser = UserOut.parse(conflictUserJson.current)
const theirTeam = TeamOut.parse(conflictTeamJson.current)

// Signed in as the demo admin, Milan Visser (user 1).
const ADMIN_ME = {
  ...MANAGER_ME,
  user: { ...MANAGER_ME.user, id: 1, name: 'Milan Visser', email: 'admin@example.com', role: 'admin' },
}

let api: TestApi
let users: User[]
let teams: Team[]
let regions: Region[]

function answer(request: TestRequest) {
  const { method, path } = request
  if (method === 'GET' && path === '/api/users') return { status: 200, body: { users } }
  if (method === 'GET' && path === '/api/teams') return { status: 200, body: { teams } }
  if (method === 'GET' && path === '/api/regions') return { status: 200, body: { regions } }
  if (method === 'POST' && path === '/api/regions') {
    // As the API answers a create (routes/regions): a new id, no manager unless sent, version 1.
    const region = { id: 10 + regions.length, managerId: null, ...(request.body as { name: string }), version: 1 }
    regions.push(region)
    return { status: 201, body: { region } }
  }
  const region = /^\/api\/regions\/(\d+)$/.exec(path)
  if (method === 'DELETE' && region) {
    regions = regions.filter((r) => r.id !== Number(region[1]))
    return { status: 204, body: undefined }
  }
  if (method === 'GET' && path === '/api/me') return { status: 200, body: ADMIN_ME }
  const totp = /^\/api\/users\/(\d+)\/totp$/.exec(path)
  if (method === 'DELETE' && totp) {
    const index = users.findIndex((row) => row.id === Number(totp[1]))
    users[index] = { ...users[index]!, twoFactorEnabled: false }
    return { status: 200, body: { user: users[index] } }
  }
  if (method === 'GET' && path === '/api/invitations')
    return { status: 200, body: { mailEnabled: true, invitations: [] } }
  if (method === 'POST' && path === '/api/users') return { status: 400, body: invalidUserJson }
  const patched = /^\/api\/(users|teams)\/(\d+)$/.exec(path)
  if (method === 'PATCH' && patched) {
    const list: { id: number; version: number }[] = patched[1] === 'users' ? users : teams
    const index = list.findIndex((row) => row.id === Number(patched[2]))
    const result = patchVersioned(list[index]!, request.body)
    if (result.status === 409) return result
    list[index] = result.row
    return { status: 200, body: patched[1] === 'users' ? { user: result.row } : { team: result.row } }
  }
  return notFound(request)
}

beforeEach(async () => {
  users = UserList.parse(usersJson).users
  teams = TeamList.parse(teamsJson).teams
  regions = []
  api = await startTestApi(answer)
})
afterEach(() => api.close())

const patches = (path: string) => api.requests.filter((r) => r.method === 'PATCH' && r.path === path).map((r) => r.body)
const rowOf = (label: string) => screen.getByLabelText(label).closest('tr')!
const alert = () => screen.queryByRole('alert')
/** The "Yours" and "Theirs" cells of the conflict panel's row for one field. */
const conflictCells = (field: string) =>
  [...screen.getByRole('rowheader', { name: field }).closest('tr')!.querySelectorAll('td')].map((td) => td.textContent)

// Each test renders the whole section (21 editable rows) and waits for real HTTP round trips on a shared 2-core box.
describe('UsersSection', { timeout: 20_000 }, () => {
  test('lists the teams with their managers and every user with role and team', async () => {
    renderWithQueries(<UsersSection />)
    const north = (await screen.findByLabelText('Name of team North')) as HTMLInputElement
    expect(north.value).toBe('North')
    const manager = within(rowOf('Name of team North')).getByLabelText('Manager of North') as HTMLSelectElement
    // team 1's manager is user 2, Eva Vos; only managers and admins are offered
    expect(manager.selectedOptions[0]!.textContent).toBe('Eva Vos')
    expect([...manager.options].map((o) => o.textContent)).toEqual([
      '—',
      'Milan Visser',
      'Eva Vos',
      'Ruben Hendriks',
      'Noor Dekker',
    ])
    const rep = rowOf('Name of rep@example.com')
    expect((within(rep).getByLabelText('Role of rep@example.com') as HTMLSelectElement).value).toBe('rep')
    const team = within(rep).getByLabelText('Team of rep@example.com') as HTMLSelectElement
    expect(team.selectedOptions[0]!.textContent).toBe('North')
    expect(screen.getAllByRole('textbox', { name: /^Name of / })).toHaveLength(3 + 18)
  })

  test('an admin adds a region and puts team South in it', async () => {
    renderWithQueries(<UsersSection />)
    fireEvent.change(await screen.findByLabelText('New region'), { target: { value: 'Benelux' } })
    fireEvent.click(within(screen.getByLabelText('New region').closest('form')!).getByRole('button', { name: 'Add' }))
    // The new region is listed, and every team's region select offers it.
    expect(((await screen.findByLabelText('Name of region Benelux')) as HTMLInputElement).value).toBe('Benelux')
    const region = (await screen.findByLabelText('Region of South')) as HTMLSelectElement
    await waitFor(() => expect([...region.options].map((o) => o.textContent)).toEqual(['—', 'Benelux']))
    fireEvent.change(region, { target: { value: '10' } })
    fireEvent.click(within(rowOf('Name of team South')).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(patches('/api/teams/2')).toHaveLength(1))
    expect(patches('/api/teams/2')[0]).toMatchObject({ regionId: 10, version: 1 })
    expect(api.requests.find((r) => r.method === 'POST' && r.path === '/api/regions')?.body).toEqual({
      name: 'Benelux',
    })

    // Deleting asks first, then sends the version it was read at.
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true)
    fireEvent.click(screen.getByRole('button', { name: 'Delete region Benelux' }))
    await waitFor(() => expect(screen.queryByLabelText('Name of region Benelux')).toBeNull())
    expect(confirm).toHaveBeenCalledWith(
      'Delete region Benelux? Its teams stay, without a region; its targets and threshold overrides are removed.',
    )
    expect(api.lines().filter((line) => line.startsWith('DELETE'))).toEqual(['DELETE /api/regions/10?version=1'])
    confirm.mockRestore()
  })

  test('a row saved twice is based on the version each save answered (no 409 against oneself)', async () => {
    renderWithQueries(<UsersSection />)
    const name = (await screen.findByLabelText('Name of team North')) as HTMLInputElement
    const row = rowOf('Name of team North')
    fireEvent.change(name, { target: { value: 'North & Co' } })
    const save = within(row).getByRole('button', { name: 'Save' }) as HTMLButtonElement
    fireEvent.click(save)
    await within(row).findByRole('status')
    // the button is busy until the list has been fetched again
    await waitFor(() => expect(save.disabled).toBe(false))
    fireEvent.change(name, { target: { value: 'North 2' } })
    fireEvent.click(save)
    await waitFor(() => expect(teams[0]!.version).toBe(3))
    expect(patches('/api/teams/1')).toEqual([
      { name: 'North & Co', managerId: 2, regionId: null, active: true, version: 1 },
      { name: 'North 2', managerId: 2, regionId: null, active: true, version: 2 },
    ])
    expect(teams[0]!.name).toBe('North 2')
    expect(alert()).toBeNull()
  })

  test('a stale user save shows theirs beside what was typed; "keep mine" saves it on their version', async () => {
    renderWithQueries(<UsersSection />)
    const name = (await screen.findByLabelText('Name of yara.de.haan@example.com')) as HTMLInputElement
    // a colleague saves user 4 after this page loaded it at version 1
    users[users.findIndex((u) => u.id === 4)] = theirUser
    fireEvent.change(name, { target: { value: 'Yara Smit' } })
    fireEvent.click(within(rowOf('Name of yara.de.haan@example.com')).getByRole('button', { name: 'Save' }))

    expect((await screen.findByRole('alert')).textContent).toContain('Someone else changed this since you opened it')
    expect(conflictCells('Name')).toEqual(['Yara Smit', 'Yara de Haan-Smit'])
    expect(conflictCells('Active')).toEqual(['Yes', 'Yes'])
    expect(name.value).toBe('Yara Smit')

    fireEvent.click(screen.getByRole('button', { name: 'Keep mine (overwrite)' }))
    await waitFor(() => expect(alert()).toBeNull())
    expect(patches('/api/users/4').map((b) => (b as { version: number }).version)).toEqual([1, 2])
    expect(users.find((u) => u.id === 4)).toMatchObject({ name: 'Yara Smit', version: 3 })
    expect(name.value).toBe('Yara Smit')
  })

  test('"use theirs" loads the stored team into the row; the next save is based on their version', async () => {
    renderWithQueries(<UsersSection />)
    const name = (await screen.findByLabelText('Name of team South')) as HTMLInputElement
    const row = rowOf('Name of team South')
    teams[1] = theirTeam
    fireEvent.change(name, { target: { value: 'Zuid' } })
    fireEvent.click(within(row).getByLabelText('South active'))
    fireEvent.click(within(row).getByRole('button', { name: 'Save' }))
    await screen.findByRole('alert')
    expect(conflictCells('Name')).toEqual(['Zuid', 'South & Islands'])
    expect(conflictCells('Active')).toEqual(['No', 'Yes'])
    expect(conflictCells('Manager')).toEqual(['Ruben Hendriks', 'Ruben Hendriks'])

    fireEvent.click(screen.getByRole('button', { name: 'Use theirs' }))
    expect(alert()).toBeNull()
    expect(name.value).toBe('South & Islands')
    expect((within(row).getByLabelText('South active') as HTMLInputElement).checked).toBe(true)
    fireEvent.click(within(row).getByRole('button', { name: 'Save' }))
    await within(row).findByRole('status')
    expect(patches('/api/teams/2')).toEqual([
      { name: 'Zuid', managerId: 8, regionId: null, active: false, version: 1 },
      { name: 'South & Islands', managerId: 8, regionId: null, active: true, version: 2 },
    ])
  })

  test('a rejected new user shows the message under the field it names and keeps what was typed', async () => {
    renderWithQueries(<UsersSection />)
    const form = await screen.findByRole('form', { name: 'New user' })
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'New Rep' } })
    fireEvent.change(within(form).getByLabelText('Email'), { target: { value: 'new.rep@example.com' } })
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'short' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }))

    // the recorded answer: 400 validation_failed, field body.password, rule too_small { minimum: 8, origin: string }
    const password = within(form).getByLabelText('Password') as HTMLInputElement
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'))
    const described = document.getElementById(password.getAttribute('aria-describedby')!)
    expect(described?.textContent).toBe('This field needs at least 8 characters') // worded by the web from the rule
    expect((within(form).getByLabelText('Email') as HTMLInputElement).getAttribute('aria-invalid')).toBe('false')
    expect(password.value).toBe('short')
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('New Rep')
  })

  test('two-factor codes: On/Off in words; "Reset 2FA" asks first, says what happens, then turns them off', async () => {
    // Yara and the admin have codes on; the admin's own row offers no reset (that is their Security page).
    for (const id of [1, 4]) users[users.findIndex((u) => u.id === id)]!.twoFactorEnabled = true
    renderWithQueries(<UsersSection />)
    await screen.findByRole('columnheader', { name: 'Two-factor codes' })
    const yara = rowOf('Name of yara.de.haan@example.com')
    await waitFor(() =>
      expect(within(rowOf('Name of admin@example.com')).queryByRole('button', { name: /^Reset/ })).toBeNull(),
    )
    expect(within(rowOf('Name of admin@example.com')).getByText('On')).toBeTruthy()
    expect(within(yara).getByText('On')).toBeTruthy()
    expect(within(rowOf('Name of rep@example.com')).getByText('Off')).toBeTruthy()
    expect(screen.getAllByRole('button', { name: /^Reset the two-factor codes of / })).toHaveLength(1)

    const reset = within(yara).getByRole('button', { name: 'Reset the two-factor codes of yara.de.haan@example.com' })
    fireEvent.click(reset)
    const dialog = within(yara).getByRole('alertdialog', {
      name: 'Reset the two-factor codes of yara.de.haan@example.com?',
    })
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy()
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toBe(
      'The codes from their app and their recovery codes stop working, they are signed out everywhere, and they ' +
        'sign in with their password alone until they turn codes on again (at once, if your organisation requires them).',
    )
    // Cancel (where the focus starts) changes nothing.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(within(yara).queryByRole('alertdialog')).toBeNull()
    expect(api.requests.filter((r) => r.method === 'DELETE')).toEqual([])

    fireEvent.click(within(yara).getByRole('button', { name: /^Reset the two-factor codes of / }))
    fireEvent.click(within(yara).getByRole('button', { name: 'Yes, reset 2FA' }))
    expect((await within(yara).findByRole('status')).textContent).toBe(
      'Two-factor codes of yara.de.haan@example.com reset; they are signed out.',
    )
    // the list was fetched again: Off, and no reset button any more
    await waitFor(() => expect(within(yara).getByText('Off')).toBeTruthy())
    expect(within(yara).queryByRole('button', { name: /^Reset the two-factor codes of / })).toBeNull()
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/users/4/totp'])
    expect(alert()).toBeNull()
  })
})

import { expect, test } from 'vitest'
import { translate } from '../../i18n/messages.ts'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import { repScopeGroups } from './rep-scope-options.ts'
import type { MeResponse as Me } from '@kpi/contract/me'
import type { UserOut } from '@kpi/contract/users'

const t = (key: MessageKey, vars?: MessageVars) => translate('en', key, vars)
const north = { id: 1, name: 'North' }
const west = { id: 3, name: 'West' }
const me = (role: Me['user']['role']): Me => ({
  user: { id: 7, name: 'Eva', email: 'e@x', role, team: north, managedTeams: [north], teams: [north, west] },
  organization: {
    id: 1,
    name: 'Demo',
    currency: 'EUR',
    timeZone: 'Europe/Amsterdam',
    fiscalYearStartMonth: 1,
    leaderboardEnabled: false,
    gaugeStyle: 'gauge',
  },
  preferences: { gaugeStyle: null },
  twoFactor: { enabled: false, required: false },
})
const person = (id: number, name: string, teamId: number | null, active = true): UserOut => ({
  id,
  name,
  email: null,
  signIn: false,
  role: 'rep',
  teamId,
  active,
  twoFactorEnabled: false,
  version: 1,
})
const users = [
  person(7, 'Eva', 1), // the viewer: "My own figures" already
  person(9, 'Yara', 1),
  person(8, 'Bram', 1),
  person(10, 'Old', 1, false), // left the company
  person(11, 'Wim', 3),
  person(12, 'Nobody', null),
]

test("a manager picks one of their team's active reps, by name, themselves left out", () => {
  expect(repScopeGroups(me('manager'), users, t)).toEqual([
    {
      label: 'Team North: reps',
      options: [
        { value: 'rep:8', label: 'Bram' },
        { value: 'rep:9', label: 'Yara' },
      ],
    },
  ])
})

test("an admin picks any team's reps, grouped by team", () => {
  expect(repScopeGroups(me('admin'), users, t).map((g) => [g.label, g.options.map((o) => o.label)])).toEqual([
    ['Team North: reps', ['Bram', 'Yara']],
    ['Team West: reps', ['Wim']],
  ])
})

test('a rep picks nobody else', () => {
  expect(repScopeGroups(me('rep'), users, t)).toEqual([])
})

import { describe, expect, test } from 'vitest'
import { translate } from '../../i18n/messages.ts'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import { scopeOptions } from './scope-options.ts'
import type { MeResponse as Me } from '@kpi/contract/me'

const t = (key: MessageKey, vars?: MessageVars) => translate('en', key, vars)
const organization = {
  id: 1,
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  fiscalYearStartMonth: 1,
  leaderboardEnabled: false,
  gaugeStyle: 'gauge' as const,
}
const me = (user: Partial<Me['user']> & Pick<Me['user'], 'role'>): Me => ({
  user: { id: 7, name: 'Eva', email: 'e@x', team: null, managedTeams: [], teams: [], ...user },
  organization,
  preferences: { gaugeStyle: null },
  twoFactor: { enabled: false, required: false },
})

describe('scope options name what they show', () => {
  test('a manager: the default is their (lowest-id) team, then other teams, then their own figures', () => {
    const options = scopeOptions(
      me({
        role: 'manager',
        team: { id: 1, name: 'North' },
        managedTeams: [
          { id: 3, name: 'West' },
          { id: 1, name: 'North' },
        ],
      }),
      t,
    )
    expect(options).toEqual([
      { value: '', label: 'Team North' },
      { value: 'team:3', label: 'Team West' },
      { value: 'rep:7', label: 'My own figures' },
    ])
  })

  test('a rep: their own figures by default, and their team totals', () => {
    expect(scopeOptions(me({ role: 'rep', team: { id: 1, name: 'North' } }), t)).toEqual([
      { value: '', label: 'My own figures' },
      { value: 'team:1', label: 'Team North (totals)' },
    ])
  })

  test('an admin: the whole organisation by default, then every team as the API lists them', () => {
    expect(scopeOptions(me({ role: 'admin' }), t)).toEqual([{ value: '', label: 'Whole organisation' }])
    const teams = [
      { id: 4, name: 'East' },
      { id: 2, name: 'North' },
    ]
    expect(scopeOptions(me({ role: 'admin', teams }), t)).toEqual([
      { value: '', label: 'Whole organisation' },
      { value: 'team:4', label: 'Team East' },
      { value: 'team:2', label: 'Team North' },
    ])
  })

  test('regions: after the organisation for an admin, after their teams for the manager of one', () => {
    const regions = [{ id: 5, name: 'Benelux' }]
    expect(scopeOptions(me({ role: 'admin', regions, teams: [{ id: 2, name: 'North' }] }), t)).toEqual([
      { value: '', label: 'Whole organisation' },
      { value: 'region:5', label: 'Region Benelux' },
      { value: 'team:2', label: 'Team North' },
    ])
    expect(scopeOptions(me({ role: 'manager', regions, managedTeams: [{ id: 2, name: 'North' }] }), t)).toEqual([
      { value: '', label: 'Team North' },
      { value: 'region:5', label: 'Region Benelux' },
      { value: 'rep:7', label: 'My own figures' },
    ])
    expect(translate('nl', 'dashboard.scopeRegion', { name: 'Benelux' })).toBe('Regio Benelux')
  })

  test('a manager without a team falls back to their own figures, like the API', () => {
    expect(scopeOptions(me({ role: 'manager' }), t)).toEqual([{ value: '', label: 'My own figures' }])
  })
})

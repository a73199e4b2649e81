import type { RoleValue } from './rows.ts'

/** The demo log-ins (SPEC: demo accounts); all share one password, `demo1234` unless DEMO_PASSWORD is set. */
export const DEMO_ACCOUNTS: readonly { email: string; role: RoleValue; description: string }[] = [
  { email: 'admin@example.com', role: 'ADMIN', description: 'administrator, no team' },
  { email: 'manager@example.com', role: 'MANAGER', description: "manages team 'North'" },
  { email: 'rep@example.com', role: 'REP', description: "a rep in team 'North'" },
]

export const DEFAULT_DEMO_PASSWORD = 'demo1234'

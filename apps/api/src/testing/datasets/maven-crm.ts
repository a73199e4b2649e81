import { readFileSync } from 'node:fs'
import path from 'node:path'

// The Maven CRM files of this folder (README.md) and the mappings that bring them in as they are: shared by the
// import tests that load them, so the way a customer would map these exports is written once.

export const readDataset = (file: string): string => readFileSync(path.join(import.meta.dirname, file), 'utf8')

/**
 * sales_teams.csv (sales_agent, manager, regional_office) in three imports of the same file: the agents, each in
 * the team named after their manager (the 6 teams created on the way); the managers (one column to two fields, a
 * constant role — each manager stands on 5 or 6 rows, alike); then the teams get their managers, by name.
 */
export const SALES_TEAMS_IMPORTS = [
  { entity: 'users', mapping: { columns: { sales_agent: 'name', manager: 'team' } } },
  { entity: 'users', mapping: { columns: { manager: ['name', 'team'] }, constants: { role: 'manager' } } },
  { entity: 'teams', mapping: { columns: { manager: ['name', 'manager'] } } },
] as const

import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import { periodContaining, type PeriodType } from '@kpi/domain/periods'
import { z } from 'zod'
import { PlainText } from '@kpi/contract/text'
import { PeriodDate } from '@kpi/contract/date'
import { Text } from '../records/fields.ts'
import { kindHints, labelOf } from './field-labels.ts'
import type { ImportField, Importer } from './importer.ts'
import { custom } from './messages.ts'
import { lookUp } from './references.ts'

const SCOPE = /^(org|region:.+|team:.+|rep:.+|customer:.+)$/
const TargetValue = z
  .string()
  .regex(/^-?\d{1,14}(\.\d{1,4})?$/, 'must be a decimal number with at most 4 decimals')
  .describe('money in currency units, percentages as 12.5, counts as 40')

const TargetRow = z.object({
  externalId: Text(100).nullish(),
  kpiKey: z.enum(KPI_KEYS, { error: 'not a KPI key (e.g. revenue.won)' }),
  scope: PlainText.trim().regex(
    SCOPE,
    'must be org, region:<region name>, team:<team name>, rep:<email> or customer:<customer external id>',
  ),
  periodType: z.enum(['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR']),
  periodStart: PeriodDate,
  value: TargetValue,
})

type TargetData = z.infer<typeof TargetRow>

const scopeHint: Record<string, ImportField['hint']> = {
  scope: {
    en: 'org, region:<region name>, team:<team name>, rep:<e-mail or name> or customer:<external id or name>',
    nl: 'org, region:<regionaam>, team:<teamnaam>, rep:<e-mail of naam> of customer:<externe id of naam>',
  },
  kpiKey: { en: 'a KPI key, e.g. revenue.won', nl: 'een KPI-sleutel, bijv. revenue.won' },
}

const scopeTypes = { org: 'ORGANIZATION', region: 'REGION', team: 'TEAM', rep: 'REP', customer: 'CUSTOMER' } as const

/**
 * Targets: (KPI, scope, period type, period start, value), upserted on that natural key so a re-import of a
 * corrected plan replaces the values. The scope names its entity the way a planner's sheet does: a region or
 * team by name (any case), a rep by email, a customer by external id.
 */
export const targetImporter: Importer = {
  entity: 'targets',
  fields: (
    [
      { name: 'externalId', kind: 'text', required: false },
      { name: 'kpiKey', kind: 'text', required: true, allowed: KPI_KEYS },
      { name: 'scope', kind: 'text', required: true },
      { name: 'periodType', kind: 'enum', required: true, allowed: TargetRow.shape.periodType.options },
      { name: 'periodStart', kind: 'date', required: true },
      { name: 'value', kind: 'money', required: true },
    ] as const
  ).map((f): ImportField => ({ ...f, label: labelOf(f.name), hint: scopeHint[f.name] ?? kindHints[f.kind]! })),
  rowSchema: TargetRow,
  keyField: (data) =>
    `${String(data['kpiKey'])} ${String(data['scope'])} ${String(data['periodType'])} ${String(data['periodStart'])}`,
  table: 'targets',
  columns: [
    { column: 'external_id', pgType: 'text' },
    { column: 'kpi_key', pgType: 'text' },
    { column: 'scope_type', pgType: '"ScopeType"' },
    { column: 'scope_key', pgType: 'text' },
    { column: 'region_id', pgType: 'int' },
    { column: 'team_id', pgType: 'int' },
    { column: 'user_id', pgType: 'int' },
    { column: 'customer_id', pgType: 'int' },
    { column: 'period_type', pgType: '"PeriodType"' },
    { column: 'period_start', pgType: 'date' },
    { column: 'value', pgType: 'numeric' },
  ],
  conflict: '(organization_id, kpi_key, scope_key, period_type, period_start)',
  async prepare(ctx, rows) {
    const { rows: orgs } = await ctx.pool.query<{ time_zone: string; fiscal_year_start_month: number }>(
      'SELECT time_zone, fiscal_year_start_month FROM organizations WHERE id = $1',
      [ctx.actor.organizationId],
    )
    const settings = { timeZone: orgs[0]!.time_zone, fiscalYearStartMonth: orgs[0]!.fiscal_year_start_month }
    const named = (type: string) =>
      rows.flatMap(({ data }) => {
        const scope = String(data['scope'])
        return scope.startsWith(`${type}:`) ? [scope.slice(type.length + 1)] : []
      })
    const org = ctx.actor.organizationId
    const regions = await lookUp(ctx.pool, org, 'region', named('region'))
    const teams = await lookUp(ctx.pool, org, 'team', named('team'))
    const reps = await lookUp(ctx.pool, org, 'user', named('rep'))
    const customers = await lookUp(ctx.pool, org, 'customer', named('customer'))
    return rows.map(({ row, data }) => {
      const target = data as TargetData
      const [type, ...rest] = target.scope.split(':') as [keyof typeof scopeTypes, ...string[]]
      const name = rest.join(':')
      const ids = {
        region: null as number | null,
        team: null as number | null,
        rep: null as number | null,
        customer: null as number | null,
      }
      if (type === 'region') ids.region = regions.get(name)?.id ?? null
      if (type === 'team') ids.team = teams.get(name)?.id ?? null
      if (type === 'rep') ids.rep = reps.get(name)?.id ?? null
      if (type === 'customer') ids.customer = customers.get(name)?.id ?? null
      const id = ids.region ?? ids.team ?? ids.rep ?? ids.customer
      if (type !== 'org' && id === null) ctx.error(row, 'scope', custom(`no ${type} named "${name}"`), target.scope)
      const period = periodContaining(target.periodStart, target.periodType.toLowerCase() as PeriodType, settings)
      if (period.startDate !== target.periodStart)
        ctx.error(
          row,
          'periodStart',
          custom(`a ${target.periodType} starts on ${period.startDate}, not ${target.periodStart}`),
          target.periodStart,
        )
      return [
        target.externalId ?? null,
        target.kpiKey,
        scopeTypes[type],
        type === 'org' ? 'org' : `${type}:${id}`,
        ids.region,
        ids.team,
        ids.rep,
        ids.customer,
        target.periodType,
        target.periodStart,
        target.value,
      ]
    })
  },
}

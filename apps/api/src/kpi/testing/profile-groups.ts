// Where a dashboard computation spends its time: each aggregate group statement of one dashboard, timed alone
// (sequentially, warm) on a benchmark database (`pnpm bench` builds them). From apps/api:
//   node src/kpi/testing/profile-groups.ts [small|full] [team|rep|org] [day|week|month|quarter|year] [trend|current]
// `current`: only the period itself, what a miss computes once the trend's finished periods are in the span cache.
import { loadAggregates } from '../aggregates.sql.ts'
import { openBenchDatabase } from './bench-database.ts'
import { loadFocusAreas, loadOrganizationSettings } from '../settings.db.ts'
import { viewGroups, TREND_LENGTH } from '../kpi-view.ts'
import { KPIS } from '@kpi/domain/kpis/registry'
import { isKpiKey } from '@kpi/domain/kpis/keys'
import { periodContaining, trendPeriods, type PeriodType } from '@kpi/domain/periods'
import { localDateOf, toInstant } from '@kpi/domain/time-zone'
import type { ScopeSet } from '../scope-set.ts'

const [scale = 'small', scopeType = 'team', periodType = 'month', spans = 'trend'] = process.argv.slice(2)
const { store, org, team, rep } = await openBenchDatabase(scale)
try {
  const pool = store.pool
  const scopes: ScopeSet =
    scopeType === 'org'
      ? { type: 'org' }
      : { type: scopeType as 'team' | 'rep', ids: [scopeType === 'team' ? team : rep] }
  const settings = await loadOrganizationSettings(pool, org)
  const now = toInstant(new Date())
  const period = periodContaining(localDateOf(now, settings.timeZone), periodType as PeriodType, settings)
  const periods = spans === 'current' ? [period] : trendPeriods(period, TREND_LENGTH, settings)
  const keys = (await loadFocusAreas(pool, org))
    .flatMap((a) => a.kpiKeys)
    .filter(isKpiKey)
    .filter((k) => KPIS[k].scopes.includes(scopes.type))
  console.log(`${scale} ${scopeType} ${periodType}: ${keys.length} KPIs, ${periods.length} spans`)
  for (const group of viewGroups(keys)) {
    const times: number[] = []
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      await loadAggregates(pool, { organizationId: org, scopes, periods, now, settings, groups: [group] })
      times.push(performance.now() - started)
    }
    console.log(`  ${group.padEnd(12)} ${times.map((t) => t.toFixed(0).padStart(7)).join(' ')} ms`)
  }
} finally {
  await store.close()
}

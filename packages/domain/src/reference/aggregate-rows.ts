/**
 * In-memory reference of the aggregate records (kpis/aggregates.ts) from plain rows (./rows.ts). It is
 * deliberately naive — one pass per figure, no indexes — so that it is obviously correct; tests use it
 * and the SQL layer's integration test checks SQL == reference on the same data.
 *
 * Exports: activitiesAggregate, leadsAggregate, dealsAggregate, pipelineAggregate, surveysAggregate,
 * costsAggregate, efficiencyAggregate, aggregateAll. The customer-lifecycle groups are in ./customer-rows.ts.
 */
import type {
  ActivitiesAggregate,
  Aggregates,
  CostsAggregate,
  DealsAggregate,
  EfficiencyAggregate,
  LeadsAggregate,
  PipelineAggregate,
  SurveysAggregate,
} from '../kpis/aggregates.ts'
import {
  closingWindow,
  conversionsUntil,
  costShares,
  efficiencyWindow,
  pipelineAsOf,
  proRatedCents,
} from '../kpis/windows.ts'
import { parseCents, sumCents } from '../money.ts'
import type { Period, PeriodSettings, Span } from '../periods.ts'
import type { Scope } from '../scope.ts'
import { instantMs, type Instant } from '../time-zone.ts'
import { acquisitionInstants, cohortAggregate, customersAggregate, lifetimeAggregate } from './customer-rows.ts'
import {
  activityInScope,
  amountCents,
  costInScope,
  inSpan,
  ownedInScope,
  surveyInScope,
  type Dataset,
  type DealRow,
} from './rows.ts'

const seconds = (from: Instant, to: Instant) => (instantMs(to) - instantMs(from)) / 1000

/** The median; the mean of the two middle values for an even count (percentile_cont(0.5)). */
function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function activitiesAggregate(data: Dataset, scope: Scope, span: Span): ActivitiesAggregate {
  const rows = data.activities.filter((a) => activityInScope(a, scope) && inSpan(a.occurredAt, span))
  const count = (type: string) => rows.filter((a) => a.type === type).length
  return { calls: count('call'), meetings: count('meeting'), proposals: count('proposal'), emails: count('email') }
}

export function leadsAggregate(
  data: Dataset,
  scope: Scope,
  span: Period,
  now: Instant,
  settings: PeriodSettings,
): LeadsAggregate {
  const until = conversionsUntil(span, now, settings)
  const convertedAt = (t: Instant | null) => t !== null && (until === null || instantMs(t) < instantMs(until))
  const scoped = data.leads.filter((l) => ownedInScope(l, scope))
  const created = scoped.filter((l) => inSpan(l.createdAt, span))
  const createdByChannel: Record<string, number> = {}
  for (const l of created) createdByChannel[l.channel] = (createdByChannel[l.channel] ?? 0) + 1

  // An account's first lead is its earliest lead in the whole organisation (ties: lowest id).
  const firstLeadOfAccount = new Map<string, (typeof data.leads)[number]>()
  for (const l of data.leads) {
    if (l.accountKey === null) continue
    const first = firstLeadOfAccount.get(l.accountKey)
    const t = instantMs(l.createdAt)
    if (!first || t < instantMs(first.createdAt) || (t === instantMs(first.createdAt) && l.id < first.id)) {
      firstLeadOfAccount.set(l.accountKey, l)
    }
  }
  const newAccounts = [...firstLeadOfAccount.values()].filter(
    (l) => ownedInScope(l, scope) && inSpan(l.createdAt, span),
  )

  const mqlCohort = scoped.filter((l) => inSpan(l.mqlAt, span))
  // Index activity times by lead once, so demo-sized data (tens of thousands of rows) stays fast.
  const activityTimesByLead = new Map<number, number[]>()
  for (const a of data.activities) {
    if (a.leadId === null) continue
    const times = activityTimesByLead.get(a.leadId) ?? []
    times.push(instantMs(a.occurredAt))
    activityTimesByLead.set(a.leadId, times)
  }
  const responseHours: number[] = []
  for (const l of created) {
    const createdMs = instantMs(l.createdAt)
    const after = (activityTimesByLead.get(l.id) ?? []).filter((t) => t >= createdMs)
    if (after.length > 0) responseHours.push((after.reduce((a, b) => Math.min(a, b)) - createdMs) / 3_600_000)
  }
  return {
    created: created.length,
    createdByChannel,
    newAccounts: newAccounts.length,
    qualified: scoped.filter((l) => inSpan(l.sqlAt, span)).length,
    mqlCohort: mqlCohort.length,
    mqlCohortConverted: mqlCohort.filter((l) => convertedAt(l.sqlAt)).length,
    createdConverted: created.filter((l) => convertedAt(l.opportunityAt)).length,
    responded: responseHours.length,
    medianResponseHours: median(responseHours),
  }
}

export function dealsAggregate(data: Dataset, scope: Scope, span: Span): DealsAggregate {
  const closed = data.deals.filter((d) => ownedInScope(d, scope) && inSpan(d.closedAt, span))
  const won = closed.filter((d) => d.status === 'won')
  // SQL's sum skips NULLs (unknown amounts and costs); so does this.
  const cents = (rows: DealRow[], field: 'amount' | 'cost' = 'amount') =>
    sumCents(rows.flatMap((d) => (d[field] === null ? [] : [parseCents(d[field])])))
  const costKnown = won.filter((d) => d.cost !== null)
  const acquired = acquisitionInstants(data.deals)
  const leadsById = new Map(data.leads.map((l) => [l.id, l]))
  const fromLead = won.flatMap((d) => {
    const lead = d.leadId === null ? undefined : leadsById.get(d.leadId)
    return lead ? [seconds(lead.createdAt, d.closedAt!)] : []
  })
  const existingBeforeStart = (d: DealRow) => {
    const first = d.customerId === null ? undefined : acquired.get(d.customerId)
    return first !== undefined && instantMs(first.closedAt!) < instantMs(span.start)
  }
  const firstDeals = [...acquired.values()].filter((d) => ownedInScope(d, scope) && inSpan(d.closedAt, span))
  return {
    won: won.length,
    lost: closed.filter((d) => d.status === 'lost').length,
    wonAmountCents: cents(won),
    wonCostCents: cents(won, 'cost'),
    wonCostKnownAmountCents: cents(costKnown),
    wonCostUnknown: won.length - costKnown.length,
    wonAmountCentsByType: {
      new_business: cents(won.filter((d) => d.type === 'new_business')),
      upsell: cents(won.filter((d) => d.type === 'upsell')),
      cross_sell: cents(won.filter((d) => d.type === 'cross_sell')),
      renewal: cents(won.filter((d) => d.type === 'renewal')),
    },
    wonCycleSecondsSum: won.reduce((s, d) => s + seconds(d.createdAt, d.closedAt!), 0),
    wonFromLead: fromLead.length,
    wonFromLeadSecondsSum: fromLead.reduce((s, x) => s + x, 0),
    expansionAmountCents: cents(
      won.filter((d) => (d.type === 'upsell' || d.type === 'cross_sell') && existingBeforeStart(d)),
    ),
    newCustomers: firstDeals.length,
  }
}

export function pipelineAggregate(
  data: Dataset,
  scope: Scope,
  span: Period,
  now: Instant,
  settings: PeriodSettings,
): PipelineAggregate {
  const asOf = instantMs(pipelineAsOf(span, now))
  const closing = closingWindow(span, settings)
  const open = data.deals.filter(
    (d) =>
      ownedInScope(d, scope) && instantMs(d.createdAt) < asOf && (d.closedAt === null || instantMs(d.closedAt) >= asOf),
  )
  const weighted = (d: DealRow) => (amountCents(d) * d.probability) / 100
  return {
    open: open.length,
    openAmountCents: sumCents(open.map((d) => amountCents(d))),
    openWeightedAmountCents: open.reduce((s, d) => s + weighted(d), 0),
    weightedClosingInPeriodCents: open
      .filter((d) => inSpan(d.expectedCloseAt, closing))
      .reduce((s, d) => s + weighted(d), 0),
  }
}

export function surveysAggregate(data: Dataset, scope: Scope, span: Span): SurveysAggregate {
  const rows = data.surveys.filter((s) => surveyInScope(s, scope) && inSpan(s.respondedAt, span))
  // Scores are numeric(4,2): parseCents gives exact hundredths.
  const of = (kind: string) => rows.filter((s) => s.kind === kind).map((s) => parseCents(s.score))
  const nps = of('nps')
  const csat = of('csat')
  const enps = of('enps')
  const q12 = of('q12')
  return {
    npsResponses: nps.length,
    npsPromoters: nps.filter((x) => x >= 900).length,
    npsDetractors: nps.filter((x) => x <= 600).length,
    csatResponses: csat.length,
    csatSatisfied: csat.filter((x) => x >= 400).length,
    enpsResponses: enps.length,
    enpsPromoters: enps.filter((x) => x >= 900).length,
    enpsDetractors: enps.filter((x) => x <= 600).length,
    q12Responses: q12.length,
    q12ScoreHundredthsSum: sumCents(q12),
  }
}

/** The costs of the span's cost months, each row pro-rated to the share of its month the figures cover. */
function costSums(data: Dataset, scope: Scope, span: Span, now: Instant, timeZone: string): CostsAggregate {
  const shares = new Map(costShares(span, now, timeZone).map((m) => [m.month, m]))
  const rows = data.costs.filter((c) => costInScope(c, scope) && shares.has(c.month))
  const sum = (category: string) =>
    sumCents(
      rows.filter((c) => c.category === category).map((c) => proRatedCents(parseCents(c.amount), shares.get(c.month)!)),
    )
  return {
    marketingCents: sum('marketing'),
    salesCents: sum('sales'),
    personnelCents: sum('personnel'),
    fixedCents: sum('fixed'),
  }
}

export function costsAggregate(
  data: Dataset,
  scope: Scope,
  span: Span,
  now: Instant,
  settings: PeriodSettings,
): CostsAggregate {
  return costSums(data, scope, span, now, settings.timeZone)
}

export function efficiencyAggregate(
  data: Dataset,
  scope: Scope,
  span: Span,
  now: Instant,
  settings: PeriodSettings,
): EfficiencyAggregate {
  const window = efficiencyWindow(span, now, settings)
  const costs = costSums(data, scope, window, now, settings.timeZone)
  const won = data.deals.filter(
    (d) => d.status === 'won' && d.type !== 'renewal' && ownedInScope(d, scope) && inSpan(d.closedAt, window),
  )
  return {
    newRevenueCents: sumCents(won.map((d) => amountCents(d))),
    fixedCostsCents: costs.fixedCents,
    personnelCostsCents: costs.personnelCents,
  }
}

/** Every group for one scope and period, as the SQL layer would return them. */
export function aggregateAll(
  data: Dataset,
  scope: Scope,
  period: Period,
  options: { now: Instant; settings: PeriodSettings },
): Aggregates {
  const { now, settings } = options
  return {
    activities: activitiesAggregate(data, scope, period),
    leads: leadsAggregate(data, scope, period, now, settings),
    deals: dealsAggregate(data, scope, period),
    pipeline: pipelineAggregate(data, scope, period, now, settings),
    customers: customersAggregate(data, scope, period),
    cohort: cohortAggregate(data, scope, period, now, settings),
    lifetime: lifetimeAggregate(data, scope, period, now, settings),
    surveys: surveysAggregate(data, scope, period),
    costs: costsAggregate(data, scope, period, now, settings),
    efficiency: efficiencyAggregate(data, scope, period, now, settings),
  }
}

/**
 * Pipeline KPIs (focus area "Result"): what is still open and whether it can close the gap to target.
 * Exports: pipelineValue, pipelineCoverage.
 */
import { centsToUnits } from '../money.ts'
import { noValue, ratio, someValue } from '../value.ts'
import { defineKpi } from './define-kpi.ts'
import { moneyValue, THRESHOLDS } from './formulas.ts'

const dealScopes = ['org', 'team', 'rep', 'customer'] as const

/** Σ amount of deals open at the end of P (or now), in currency units; detail 'weighted' by probability. */
export const pipelineValue = defineKpi({
  key: 'pipeline.value',
  name: { en: 'Open pipeline', nl: 'Open pijplijn' },
  description: {
    en: 'Total amount of the open deals, with the value weighted by the chance of winning beside it.',
    nl: 'Totaalbedrag van de openstaande deals, met daarnaast de waarde gewogen naar slagingskans.',
  },
  unit: 'money',
  direction: 'higher',
  kind: 'leading',
  area: 'result',
  scopes: dealScopes,
  accumulation: 'level',
  groups: ['pipeline'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ pipeline }) =>
    someValue(centsToUnits(pipeline.openAmountCents), [
      { key: 'weighted', value: moneyValue(pipeline.openWeightedAmountCents) },
    ]),
})

/**
 * Weighted open pipeline expected to close in P ÷ (revenue.won target − won revenue so far), a factor.
 * No value: 'no-target' without a revenue.won target in context.targets; 'target-met' when won ≥ target.
 */
export const pipelineCoverage = defineKpi({
  key: 'pipeline.coverage',
  name: { en: 'Pipeline coverage', nl: 'Pijplijndekking' },
  description: {
    en: 'Weighted pipeline expected to close this period, as a multiple of the revenue still missing to target.',
    nl: 'Gewogen pijplijn die deze periode verwacht sluit, als veelvoud van de omzet die nog tot het doel ontbreekt.',
  },
  unit: 'ratio',
  direction: 'higher',
  kind: 'leading',
  area: 'result',
  scopes: dealScopes,
  accumulation: 'level',
  groups: ['deals', 'pipeline'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ deals, pipeline }, { targets }) => {
    const target = targets?.['revenue.won']
    if (target === undefined) return noValue('no-target')
    // Compare in cents so a target of 1000.10 against 1000.10 won is exactly "met".
    const missingCents = Math.round(target * 100) - deals.wonAmountCents
    if (missingCents <= 0) return noValue('target-met')
    return ratio(pipeline.weightedClosingInPeriodCents, missingCents)
  },
})

/**
 * Which deals count for the pipeline group (kpis/aggregates.ts PipelineAggregate): the deals open at asOf =
 * min(now, period end) (kpis/windows.ts pipelineAsOf), and of those the ones expected to close in the period
 * (its whole period when the aggregate's span is a like-for-like cut, kpis/windows.ts closingWindow).
 * Scope as for deals. pipeline.sql.ts and the records lists are built from these predicates.
 */
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { DEAL_SCOPE } from './deals.rows.ts'
import { inSpan, type RecordSource, type SpanSql } from './span-sql.ts'

/** Open at `asOf`: created before it and not closed before it (whatever the status says today). */
export const openAt = (asOf: string) => `t.created_at < ${asOf} AND (t.closed_at IS NULL OR t.closed_at >= ${asOf})`
export const expectedToCloseIn = (span: SpanSql) => inSpan('t.expected_close_at', span)

const records = (when: RecordSource['when']): RecordSource => ({
  entity: 'deals',
  scope: DEAL_SCOPE,
  when,
  defaultSort: '-amount',
})

export const PIPELINE_RECORDS = {
  'pipeline.value': records(({ asOf }) => openAt(asOf)),
  'pipeline.coverage': records(({ asOf, period }) => `${openAt(asOf)} AND ${expectedToCloseIn(period)}`),
} satisfies Partial<Record<KpiKey, RecordSource>>

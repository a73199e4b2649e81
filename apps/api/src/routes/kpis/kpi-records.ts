import type { KpiKey } from '@kpi/domain/kpis/keys'
import { ACTIVITY_RECORDS } from '../../kpi/rows/activities.rows.ts'
import { COHORT_RECORDS } from '../../kpi/rows/cohort.rows.ts'
import { COST_RECORDS } from '../../kpi/rows/costs.rows.ts'
import { CUSTOMER_RECORDS } from '../../kpi/rows/customers.rows.ts'
import { DEAL_RECORDS } from '../../kpi/rows/deals.rows.ts'
import { LEAD_RECORDS } from '../../kpi/rows/leads.rows.ts'
import { PIPELINE_RECORDS } from '../../kpi/rows/pipeline.rows.ts'
import type { RecordSource } from '../../kpi/rows/span-sql.ts'
import { SURVEY_RECORDS } from '../../kpi/rows/surveys.rows.ts'

/**
 * "The records behind the number" for every KPI: each group's row module (kpi/rows/) defines its KPIs' records
 * with the same predicates and scope conditions its aggregate statement counts with, so the rows listed are the
 * rows counted (kpi-records.registry.test.ts checks it for every KPI of the registry). The type makes a KPI
 * without records a compile error.
 */
export const RECORD_SOURCES: Record<KpiKey, RecordSource> = {
  ...ACTIVITY_RECORDS,
  ...LEAD_RECORDS,
  ...DEAL_RECORDS,
  ...PIPELINE_RECORDS,
  ...CUSTOMER_RECORDS,
  ...COHORT_RECORDS,
  ...SURVEY_RECORDS,
  ...COST_RECORDS,
}

import { DEFAULT_FOCUS_AREAS } from '@kpi/domain/focus-areas'
import { defaultThresholds } from '../organization/defaults.ts'
import { ORGANIZATION_ID } from './org.ts'
import type { FocusAreaKpiRow, FocusAreaRow, ThresholdRow } from './rows.ts'

// The demo organisation starts with the same defaults as any new one (organization/defaults.ts), as rows with
// the generator's own ids.

/** The default thresholds and action points as rows of the demo organisation. */
export function generateThresholds(): ThresholdRow[] {
  return defaultThresholds().map(({ kpiKey, ...rest }, i) => ({
    id: i + 1,
    organizationId: ORGANIZATION_ID,
    kpiKey,
    scopeKey: 'org',
    teamId: null,
    ...rest,
  }))
}

/** The default focus-area layout (SPEC section 2) as rows. */
export function generateFocusAreas(): { areas: FocusAreaRow[]; kpis: FocusAreaKpiRow[] } {
  const areas: FocusAreaRow[] = []
  const kpis: FocusAreaKpiRow[] = []
  for (const area of DEFAULT_FOCUS_AREAS) {
    const id = areas.length + 1
    areas.push({
      id,
      organizationId: ORGANIZATION_ID,
      key: area.key,
      nameEn: area.name.en,
      nameNl: area.name.nl,
      rank: area.rank,
    })
    area.kpiKeys.forEach((kpiKey, i) => kpis.push({ id: kpis.length + 1, focusAreaId: id, kpiKey, rank: i + 1 }))
  }
  return { areas, kpis }
}

import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import { z } from 'zod'
import { IdParam, Version, VersionParam } from './id.ts'

export const KpiKeyParam = z.enum(KPI_KEYS)

const ActionList = z.array(z.string().trim().min(1).max(500)).max(20)

export const ThresholdActions = z.strictObject({
  green: ActionList.default([]),
  orange: ActionList.default([]),
  red: ActionList.default([]),
})

const ActionsRead = z.object({ green: z.array(z.string()), orange: z.array(z.string()), red: z.array(z.string()) })

export const ThresholdMode = z.enum(['relative', 'absolute'])

/** A threshold as the API shows it: stored (id, version) or the KPI's built-in default (id and version null). */
export const Threshold = z.object({
  id: z.number().int().nullable(),
  kpiKey: z.string(),
  scope: z
    .string()
    .describe("'org' for the organisation default, 'region:<id>' or 'team:<id>' for an override (team beats region)"),
  teamId: z.number().int().nullable(),
  regionId: z.number().int().nullable(),
  source: z.enum(['stored', 'builtin']),
  mode: ThresholdMode,
  greenFrom: z.number(),
  orangeFrom: z.number(),
  actions: ActionsRead.describe('the action points in English'),
  actionsNl: ActionsRead.describe('the action points in Dutch; a reader sees their language, else the other'),
  version: z.number().int().nullable(),
})
export type Threshold = z.infer<typeof Threshold>

export const KpiThresholds = z.object({
  kpiKey: z.string(),
  direction: z.enum(['higher', 'lower', 'neutral']),
  /** The organisation default, or the built-in default when none is stored; null for a KPI without direction. */
  orgDefault: Threshold.nullable(),
  teamOverrides: z.array(Threshold),
  regionOverrides: z.array(Threshold),
})
export type KpiThresholds = z.infer<typeof KpiThresholds>

export const ThresholdList = z.object({ thresholds: z.array(KpiThresholds) })

export const ThresholdPut = z.strictObject({
  mode: ThresholdMode,
  // numeric(18,4) holds up to 10^14; nothing sensible comes near.
  greenFrom: z.number().min(-1e12).max(1e12),
  orangeFrom: z.number().min(-1e12).max(1e12),
  actions: ThresholdActions.default({ green: [], orange: [], red: [] }).describe('the action points in English'),
  actionsNl: ThresholdActions.default({ green: [], orange: [], red: [] }).describe(
    'the action points in Dutch; a reader sees their language, else the other (leave one empty to show the other)',
  ),
  version: Version.optional().describe(
    'the version it was read at; leave it out to create (409 when one exists already)',
  ),
})
export type ThresholdPut = z.infer<typeof ThresholdPut>

export const KpiParams = z.object({ kpiKey: KpiKeyParam })
export const TeamOverrideParams = z.object({ kpiKey: KpiKeyParam, teamId: IdParam })
export const RegionOverrideParams = z.object({ kpiKey: KpiKeyParam, regionId: IdParam })
export const DeleteQuery = z.object({ version: VersionParam })

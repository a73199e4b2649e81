/**
 * Scheduled digests (issue 20, docs/decisions/0039-digests.md): a person's choice (GET/PUT /api/me/digest, "send
 * me a test"), the admin's overview of who gets what and what failed (GET /api/digests, /api/digests/sends), and
 * sending what is due now (POST /api/digests/run).
 */
import { PERIOD_TYPES } from '@kpi/domain/periods'
import { parseScope } from '@kpi/domain/scope'
import { z } from 'zod'
import { Id } from './id.ts'

export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const
export const DigestFrequency = z.enum(DIGEST_FREQUENCIES)
export type DigestFrequency = z.infer<typeof DigestFrequency>

/** ISO weekday: 1 = Monday … 7 = Sunday (used when weekly). */
export const Weekday = z.number().int().min(1).max(7)
/** Hour of the day in the organisation's time zone. */
export const Hour = z.number().int().min(0).max(23)

/** A digest is about one scope the person may open ('rep:7', 'team:3', 'region:2', 'org'); never 'customer:…'. */
export const DigestScope = z
  .string()
  .max(40)
  .refine((text) => {
    const scope = parseScope(text)
    return scope !== null && scope.type !== 'customer'
  }, "a scope: 'org', 'region:<id>', 'team:<id>' or 'rep:<id>'")

/** When and about what: the part a person (or an admin, for a webhook) chooses. */
export const DigestSchedule = z.object({
  frequency: DigestFrequency,
  weekday: Weekday.describe('ISO weekday, 1 = Monday; used when weekly'),
  hour: Hour.describe("hour of the day in the organisation's time zone"),
})
export type DigestSchedule = z.infer<typeof DigestSchedule>

/** PUT /api/me/digest. The scope must be one the person may see (400 body.scope otherwise). */
export const DigestChoice = DigestSchedule.extend({
  scope: DigestScope,
  period: z.enum(PERIOD_TYPES).default('month').describe('the running period the digest reports on'),
  sendWhenEmpty: z.boolean().default(false).describe('send even when there is nothing to say (no targets, no data)'),
})
export type DigestChoice = z.infer<typeof DigestChoice>
export const DigestChoiceBody = z.strictObject(DigestChoice.shape)

/** GET/PUT /api/me/digest. */
export const DigestSettings = z.object({
  frequency: DigestFrequency,
  weekday: Weekday,
  hour: Hour,
  scope: z.string(),
  scopeName: z.string().describe("the scope's name as headings show it"),
  period: z.enum(PERIOD_TYPES),
  sendWhenEmpty: z.boolean(),
  isDefault: z.boolean().describe("true while the person has not chosen: their role's default applies"),
  organizationEnabled: z.boolean().describe('false while an admin has turned digests off for the organisation'),
  nextDueAt: z.string().nullable().describe('the next scheduled send (instant); null when off'),
  lastSent: z
    .object({ at: z.string(), status: z.enum(['sent', 'skipped', 'failed', 'pending']) })
    .nullable()
    .describe('the last scheduled or manual digest for this person'),
})
export type DigestSettings = z.infer<typeof DigestSettings>

export const DIGEST_SEND_STATUSES = ['pending', 'sent', 'skipped', 'failed'] as const
export const DigestSendStatus = z.enum(DIGEST_SEND_STATUSES)

/** One digest for one recipient and due time, as the admin sees it. */
export const DigestSend = z.object({
  id: z.string(),
  recipient: z.object({
    type: z.enum(['user', 'webhook']),
    id: z.number().int(),
    name: z.string().describe("a person's name, or a webhook's host"),
  }),
  channel: z.enum(['email', 'json', 'slack', 'teams']),
  scope: z.string(),
  period: z.enum(PERIOD_TYPES),
  dueAt: z.string(),
  manual: z.boolean().describe('a test or "send now", not the schedule'),
  status: DigestSendStatus,
  /** Why a digest was skipped or failed (in English, for the admin's log), or null. */
  lastError: z.string().nullable(),
  attempts: z.number().int(),
  /** What happened after we handed it over: the e-mail's or the webhook delivery's own state. */
  handoff: z
    .object({ status: z.enum(['queued', 'sent', 'failed', 'pending', 'delivered']), error: z.string().nullable() })
    .nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
})
export type DigestSend = z.infer<typeof DigestSend>

export const DigestSendsQuery = z.object({
  status: DigestSendStatus.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
})
export const DigestSendsPage = z.object({ items: z.array(DigestSend), page: z.number(), pageSize: z.number() })

/** GET /api/digests (admin): who gets what. */
export const DigestRecipient = z.object({
  user: z.object({
    id: z.number().int(),
    name: z.string(),
    email: z.string().nullable(),
    role: z.enum(['admin', 'manager', 'rep']),
  }),
  frequency: DigestFrequency,
  weekday: Weekday,
  hour: Hour,
  scope: z.string(),
  scopeName: z.string(),
  period: z.enum(PERIOD_TYPES),
  isDefault: z.boolean(),
  nextDueAt: z.string().nullable().describe('null when off, when digests are off, or without an e-mail address'),
  last: DigestSend.nullable(),
})
export type DigestRecipient = z.infer<typeof DigestRecipient>

export const DigestOverview = z.object({
  enabled: z.boolean().describe("the organisation's switch (settings digestsEnabled)"),
  mailEnabled: z.boolean().describe('SMTP is configured; without it e-mail digests cannot go out'),
  recipients: z.array(DigestRecipient),
  failedLast7Days: z.number().int(),
})
export type DigestOverview = z.infer<typeof DigestOverview>

/** POST /api/digests/run (admin): what is due now, or with userId that person's digest at once. */
export const RunDigestsBody = z.strictObject({ userId: Id.optional() })
export const RunDigestsResult = z.object({
  queued: z.number().int().describe('digests created by this call (already-sent due times are not sent again)'),
  sends: z.array(DigestSend),
})
export type RunDigestsResult = z.infer<typeof RunDigestsResult>

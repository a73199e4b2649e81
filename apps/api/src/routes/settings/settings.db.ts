import type { Prisma, PrismaClient } from '@kpi/db/generated/prisma/client'
import { writeAudit } from '../../audit/audit.db.ts'
import { HttpError } from '../../http-errors.ts'
import type { Holidays, HolidaysPut, Settings, SettingsPatch } from '@kpi/contract/settings'
import { VersionConflict } from './version-conflict.ts'
import { previewTimeZoneChange, reanchorCalendarDates } from '../../records/calendar-dates.db.ts'

// Organisation settings and the holiday list. Holidays have no version of their own: they are part of the
// settings (the working-day count of every target depends on them), so a holiday change bumps the
// organisation's version and a settings PATCH based on an older version answers 409, and vice versa.

type Db = PrismaClient | Prisma.TransactionClient
type Actor = { organizationId: number; actorId: number }

const settingsSelect = {
  id: true,
  name: true,
  timeZone: true,
  currency: true,
  fiscalYearStartMonth: true,
  leaderboardEnabled: true,
  splitTeamTargets: true,
  requireTwoFactor: true,
  gaugeStyle: true,
  digestsEnabled: true,
  version: true,
} as const

type SettingsRow = Prisma.OrganizationGetPayload<{ select: typeof settingsSelect }>

function toSettings({ id, ...row }: SettingsRow): Settings {
  return { organizationId: id, ...row }
}

export async function getSettings(db: Db, organizationId: number): Promise<Settings> {
  const row = await db.organization.findUnique({ where: { id: organizationId }, select: settingsSelect })
  if (!row) throw new HttpError('not_found', 'organisation not found')
  return toSettings(row)
}

/** PATCH: the given fields, only if the stored version is still `patch.version`; audit in the same transaction. */
export async function updateSettings(prisma: PrismaClient, actor: Actor, patch: SettingsPatch): Promise<Settings> {
  const { version, ...changes } = patch
  if (changes.requireTwoFactor === true) {
    // Else the admin who switches it on is the first one locked out of everything but the enrolment page.
    const own = await prisma.twoFactor.findUnique({ where: { userId: actor.actorId }, select: { confirmedAt: true } })
    if (own?.confirmedAt == null) {
      throw new HttpError('validation_failed', 'turn on your own two-factor codes first', 'body.requireTwoFactor')
    }
  }
  return prisma.$transaction(async (tx) => {
    const before = await getSettings(tx, actor.organizationId)
    const { count } = await tx.organization.updateMany({
      where: { id: actor.organizationId, version },
      data: { ...changes, version: { increment: 1 } },
    })
    if (count === 0) throw new VersionConflict(`settings changed since version ${version}`, before, 'body.version')
    const after = await getSettings(tx, actor.organizationId)
    // Dates entered without a time keep their calendar day in the new zone (decision 29), in this transaction.
    const run = <T>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...params)
    await reanchorCalendarDates(run, actor.organizationId, before.timeZone, after.timeZone)
    await writeAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.actorId,
      action: 'settings.updated',
      entity: 'organization',
      entityId: actor.organizationId,
      before,
      after,
    })
    return after
  })
}

function toLocalDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export async function getHolidays(db: Db, organizationId: number): Promise<Holidays> {
  const [settings, rows] = await Promise.all([
    db.organization.findUnique({ where: { id: organizationId }, select: { version: true } }),
    db.holiday.findMany({ where: { organizationId }, orderBy: { date: 'asc' } }),
  ])
  if (!settings) throw new HttpError('not_found', 'organisation not found')
  return { version: settings.version, holidays: rows.map((h) => ({ date: toLocalDate(h.date), name: h.name })) }
}

/** Replaces the whole list (the admin screen edits it as one table); bumps the organisation's version. */
export async function replaceHolidays(prisma: PrismaClient, actor: Actor, put: HolidaysPut): Promise<Holidays> {
  const seen = new Map<string, number>()
  put.holidays.forEach((holiday, index) => {
    const first = seen.get(holiday.date)
    if (first !== undefined) {
      throw new HttpError(
        'validation_failed',
        `${holiday.date} is listed twice (also at ${first})`,
        `body.holidays.${index}.date`,
      )
    }
    seen.set(holiday.date, index)
  })
  return prisma.$transaction(async (tx) => {
    const before = await getHolidays(tx, actor.organizationId)
    const { count } = await tx.organization.updateMany({
      where: { id: actor.organizationId, version: put.version },
      data: { version: { increment: 1 } },
    })
    if (count === 0) throw new VersionConflict(`settings changed since version ${put.version}`, before, 'body.version')
    await tx.holiday.deleteMany({ where: { organizationId: actor.organizationId } })
    await tx.holiday.createMany({
      data: put.holidays.map((h) => ({
        organizationId: actor.organizationId,
        date: new Date(`${h.date}T00:00:00Z`),
        name: h.name,
      })),
    })
    const after = await getHolidays(tx, actor.organizationId)
    await writeAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.actorId,
      action: 'holidays.updated',
      entity: 'holidays',
      entityId: actor.organizationId,
      before,
      after,
    })
    return after
  })
}

/** What changing the zone to `timeZone` would do to the organisation's stored dates (the settings page says it). */
export async function timeZonePreview(prisma: PrismaClient, organizationId: number, timeZone: string) {
  const { timeZone: from } = await getSettings(prisma, organizationId)
  const run = <T>(sql: string, params: unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, ...params)
  return previewTimeZoneChange(run, organizationId, from, timeZone)
}

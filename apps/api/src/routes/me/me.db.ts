import type { PrismaClient } from '@kpi/db/generated/prisma/client'
import type { AuthUser } from '../../auth/auth-user.ts'
import type { MeResponse, SessionUser, UpdateMeBody } from '@kpi/contract/me'

/** The signed-in user with their team and managed teams' names, and their organisation's settings. */
export async function loadMe(prisma: PrismaClient, user: AuthUser): Promise<MeResponse> {
  const [row, managedTeams, teams, regions, organization] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: {
        team: { select: { id: true, name: true } },
        twoFactor: { select: { confirmedAt: true } },
        gaugeStyle: true,
      },
    }),
    // The same list the access rules use (request.user), so the page never offers a team the API then refuses.
    prisma.team.findMany({
      where: { id: { in: user.managedTeamIds } },
      select: { id: true, name: true },
      orderBy: { id: 'asc' },
    }),
    // Whose dashboards the scope picker offers; the same rules as canViewScope (auth/access.ts) for team scopes.
    prisma.team.findMany({
      where: {
        organizationId: user.organizationId,
        active: true,
        ...(user.role === 'admin'
          ? {}
          : { id: { in: user.role === 'manager' ? user.managedTeamIds : user.teamId === null ? [] : [user.teamId] } }),
      },
      select: { id: true, name: true },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    }),
    // The regions the picker offers: the same rules as canViewScope for region scopes (decision 0034).
    user.role === 'rep'
      ? []
      : prisma.region.findMany({
          where: { organizationId: user.organizationId, ...(user.role === 'admin' ? {} : { managerId: user.id }) },
          select: { id: true, name: true },
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        }),
    prisma.organization.findUniqueOrThrow({
      where: { id: user.organizationId },
      select: {
        id: true,
        name: true,
        currency: true,
        timeZone: true,
        fiscalYearStartMonth: true,
        leaderboardEnabled: true,
        requireTwoFactor: true,
        gaugeStyle: true,
      },
    }),
  ])
  const sessionUser: SessionUser = {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    team: row.team,
    managedTeams,
    teams,
    regions,
  }
  const { requireTwoFactor, ...settings } = organization
  const twoFactor = { enabled: row.twoFactor?.confirmedAt != null, required: requireTwoFactor }
  return { user: sessionUser, organization: settings, preferences: { gaugeStyle: row.gaugeStyle }, twoFactor }
}

/** Stores what a person chose for themselves: the language of what is sent to them, how their KPIs are drawn. */
export async function updateMe(prisma: PrismaClient, userId: number, body: UpdateMeBody) {
  const data = {
    ...(body.locale !== undefined ? { locale: body.locale } : {}),
    ...(body.gaugeStyle !== undefined ? { gaugeStyle: body.gaugeStyle } : {}),
  }
  const row = await prisma.user.update({ where: { id: userId }, data, select: { locale: true, gaugeStyle: true } })
  // The column is free text with 'en' as its default; the API only ever stores one of LOCALES.
  return { locale: row.locale === 'nl' ? ('nl' as const) : ('en' as const), gaugeStyle: row.gaugeStyle }
}

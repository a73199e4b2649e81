import { hashPassword } from '@kpi/db/passwords'
import type { Prisma, PrismaClient } from '@kpi/db/generated/prisma/client'
import { writeAudit } from '../../audit/audit.db.ts'
import { roleFromDb, roleToDb, type AuthUser } from '../../auth/auth-user.ts'
import { normaliseEmail } from '../../auth/login-limit.db.ts'
import { HttpError } from '../../http-errors.ts'
import { VersionConflict } from '../settings/version-conflict.ts'
import type { UpdateUserBody, UserOut } from '@kpi/contract/users'

const userSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  teamId: true,
  active: true,
  version: true,
  passwordHash: true,
  twoFactor: { select: { confirmedAt: true } },
} as const satisfies Prisma.UserSelect

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>

function toUserOut({ twoFactor, passwordHash, ...row }: UserRow): UserOut {
  // Only whether a hash exists leaves this function, never the hash.
  const signIn = passwordHash !== null && row.email !== null
  return { ...row, signIn, role: roleFromDb(row.role), twoFactorEnabled: twoFactor?.confirmedAt != null }
}

/**
 * The users `viewer` may list: admins their whole organisation; managers themselves and the members of the
 * teams they manage; reps themselves and their own team's members (names only — figures are guarded elsewhere).
 */
export async function listUsers(prisma: PrismaClient, viewer: AuthUser): Promise<UserOut[]> {
  const teamIds = viewer.role === 'manager' ? viewer.managedTeamIds : viewer.teamId === null ? [] : [viewer.teamId]
  const where: Prisma.UserWhereInput =
    viewer.role === 'admin'
      ? { organizationId: viewer.organizationId }
      : { organizationId: viewer.organizationId, OR: [{ id: viewer.id }, { teamId: { in: teamIds } }] }
  const rows = await prisma.user.findMany({ where, select: userSelect, orderBy: { id: 'asc' } })
  return rows.map(toUserOut)
}

/** A team id from a request body must name a team of the actor's organisation: else 400 naming the field. */
async function assertTeamInOrganization(tx: Prisma.TransactionClient, organizationId: number, teamId: number | null) {
  if (teamId === null) return
  const team = await tx.team.findFirst({ where: { id: teamId, organizationId }, select: { id: true } })
  if (team === null) throw new HttpError('validation_failed', `team ${teamId} does not exist`, 'body.teamId')
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

export type CreateUserInput = {
  email: string
  name: string
  role: AuthUser['role']
  teamId: number | null
  password: string
}

export async function createUser(prisma: PrismaClient, actor: AuthUser, input: CreateUserInput): Promise<UserOut> {
  // Hash before the transaction: scrypt takes tens of milliseconds and must not hold a connection meanwhile.
  const passwordHash = await hashPassword(input.password)
  try {
    return await prisma.$transaction(async (tx) => {
      await assertTeamInOrganization(tx, actor.organizationId, input.teamId)
      const row = await tx.user.create({
        data: {
          organizationId: actor.organizationId,
          email: normaliseEmail(input.email),
          name: input.name,
          role: roleToDb(input.role),
          teamId: input.teamId,
          passwordHash,
        },
        select: userSelect,
      })
      const user = toUserOut(row)
      await writeAudit(tx, {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: 'user.created',
        entity: 'user',
        entityId: user.id,
        before: null,
        after: user,
      })
      return user
    })
  } catch (error) {
    // Only (organisation, email) is unique, so this says nothing about other organisations' users.
    if (isUniqueViolation(error)) throw new HttpError('conflict', 'a user with this email exists', 'body.email')
    throw error
  }
}

/**
 * Applies an admin's change to a user when `input.version` is still current (else 409 version_conflict with the
 * user as stored now in `current`, and nothing changes). Deactivation and a password reset end the user's
 * sessions in the same transaction, so the very next request with an old cookie is a 401.
 */
export async function updateUser(
  prisma: PrismaClient,
  actor: AuthUser,
  id: number,
  input: UpdateUserBody,
): Promise<UserOut> {
  if (id === actor.id && input.active === false) {
    throw new HttpError('validation_failed', 'you cannot deactivate yourself', 'body.active')
  }
  if (id === actor.id && input.role !== undefined && input.role !== 'admin') {
    throw new HttpError('validation_failed', 'you cannot take away your own admin role', 'body.role')
  }
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password)
  return prisma.$transaction(async (tx) => {
    const existing = await tx.user.findFirst({
      where: { id, organizationId: actor.organizationId },
      select: userSelect,
    })
    if (existing === null) throw new HttpError('not_found', `user ${id} not found`)
    if (input.teamId !== undefined) await assertTeamInOrganization(tx, actor.organizationId, input.teamId)
    // The version in the WHERE makes the check and the write one step: a concurrent writer that got there first
    // has bumped it, so this matches no row.
    const { count } = await tx.user.updateMany({
      where: { id, organizationId: actor.organizationId, version: input.version },
      data: {
        name: input.name,
        role: input.role === undefined ? undefined : roleToDb(input.role),
        teamId: input.teamId,
        active: input.active,
        passwordHash,
        version: { increment: 1 },
      },
    })
    if (count === 0) {
      // Read again: a writer that committed after `existing` was read is what beat us, and the 409 shows theirs.
      const current = await tx.user.findFirst({
        where: { id, organizationId: actor.organizationId },
        select: userSelect,
      })
      throw new VersionConflict(
        `user ${id} was changed by someone else (version ${current?.version ?? existing.version}, you sent ${input.version}); reload and retry`,
        current === null ? null : toUserOut(current),
        'body.version',
      )
    }
    const after = toUserOut(await tx.user.findUniqueOrThrow({ where: { id }, select: userSelect }))
    if (input.active === false || passwordHash !== undefined) await tx.session.deleteMany({ where: { userId: id } })
    await writeAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.id,
      action: 'user.updated',
      entity: 'user',
      entityId: id,
      before: toUserOut(existing),
      // The hash never goes to the log; that a reset happened does.
      after: passwordHash === undefined ? after : { ...after, passwordReset: true },
    })
    return after
  })
}

/**
 * An admin turns off a person's two-factor codes (lost phone, no recovery codes left): secret, pending enrolment and
 * recovery codes go, and so does every session of theirs, so whoever holds one signs in afresh. Not for oneself
 * (that is DELETE /api/me/totp, which asks for a code). Audited.
 */
export async function resetTwoFactor(prisma: PrismaClient, actor: AuthUser, id: number): Promise<UserOut> {
  if (id === actor.id) {
    throw new HttpError('validation_failed', 'turn off your own two-factor codes under Security', 'params.id')
  }
  return prisma.$transaction(async (tx) => {
    const existing = await tx.user.findFirst({
      where: { id, organizationId: actor.organizationId },
      select: userSelect,
    })
    if (existing === null) throw new HttpError('not_found', `user ${id} not found`)
    // Nothing to reset: say so rather than end their sessions for nothing.
    if (existing.twoFactor?.confirmedAt == null) throw new HttpError('conflict', `user ${id} has no two-factor codes`)
    await tx.recoveryCode.deleteMany({ where: { userId: id } })
    await tx.twoFactor.deleteMany({ where: { userId: id } })
    await tx.session.deleteMany({ where: { userId: id } })
    const after = toUserOut(await tx.user.findUniqueOrThrow({ where: { id }, select: userSelect }))
    await writeAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.id,
      action: 'user.two_factor_reset',
      entity: 'user',
      entityId: id,
      before: toUserOut(existing),
      after,
    })
    return after
  })
}

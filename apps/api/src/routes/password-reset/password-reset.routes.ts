import { hashPassword } from '@kpi/db/passwords'
import { inTransaction } from '@kpi/db/transaction'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBody } from '@kpi/contract/errors'
import { LoginResponse } from '@kpi/contract/auth'
import {
  PasswordResetConfirmBody,
  PasswordResetEmailed,
  PasswordResetLink,
  PasswordResetRequestBody,
  PasswordResetRequested,
} from '@kpi/contract/password-reset'
import { UserParams } from '@kpi/contract/users'
import { writeAuditSql } from '../../audit/audit.db.ts'
import { normaliseEmail } from '../../auth/login-limit.db.ts'
import { signIn } from '../../auth/sign-in.ts'
import { HttpError } from '../../http-errors.ts'
import { countHit } from '../../plugins/rate-limit.db.ts'
import { passwordResetMail, resetLink } from './password-reset-mail.ts'
import {
  accountInOrganization,
  activeAccountsByEmail,
  issueResetToken,
  setNewPassword,
  type TokenRefusal,
  useResetToken,
} from './password-reset.db.ts'

/** Requests per hour (docs/decisions/0025): an inbox is not flooded, and one client cannot spray addresses. */
export const RESET_LIMITS = { perEmail: 3, perAddress: 20, windowSeconds: 3600 }

const requested = { message: 'If an account exists for that address, we sent it a link to choose a new password.' }

const refusals: Record<TokenRefusal, string> = {
  unknown: 'this reset link is not valid (it may have been replaced by a newer one); ask for a new link',
  used: 'this reset link was already used; ask for a new link if you still need one',
  expired: 'this reset link has expired (links work for 1 hour); ask for a new link',
}

export const passwordResetRoutes: FastifyPluginAsyncZod<{ production: boolean; publicUrl: string }> = async (
  app,
  { production, publicUrl },
) => {
  // Work for a request runs after its answer, one at a time, so neither the answer's timing nor its content tells
  // whether the email has accounts. Closing the app waits for what is still queued.
  let pending = Promise.resolve()
  const afterAnswer = (work: () => Promise<void>) => {
    pending = pending.then(work).catch((error: unknown) => app.log.error({ err: error }, 'password reset failed'))
  }
  app.addHook('onClose', async () => pending)

  app.post(
    '/auth/password-reset',
    {
      config: { public: true },
      schema: {
        summary: 'Ask for a password reset link by e-mail: the same 202 whatever the email',
        description: `At most ${RESET_LIMITS.perEmail} e-mails per address per hour (beyond: still 202, nothing sent); at most ${RESET_LIMITS.perAddress} requests per client address per hour (beyond: 429).`,
        tags: ['auth'],
        body: PasswordResetRequestBody,
        response: { 202: PasswordResetRequested, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email)
      const [byEmail, byAddress] = await countHit(
        app.store.pool,
        [`password-reset:email:${email}`, `password-reset:ip:${request.ip}`],
        RESET_LIMITS.windowSeconds,
      )
      // Counted for every email, known or not: the 429 says something about the client only.
      if (byAddress!.hits > RESET_LIMITS.perAddress) {
        reply.header('retry-after', String(byAddress!.retryAfterSeconds))
        const minutes = Math.ceil(byAddress!.retryAfterSeconds / 60)
        throw new HttpError(
          'too_many_requests',
          `too many reset requests from your address; try again in ${minutes} min`,
        )
      }
      if (byEmail!.hits <= RESET_LIMITS.perEmail) afterAnswer(() => sendResetLinks(email))
      return reply.code(202).send(requested)
    },
  )

  async function sendResetLinks(email: string): Promise<void> {
    const accounts = await activeAccountsByEmail(app.store.pool, email)
    if (accounts.length === 0) return
    if (!app.mail.enabled) {
      app.log.warn({ accounts: accounts.length }, 'password reset asked for, but e-mail is off (SMTP_URL): not sent')
      return
    }
    await inTransaction(app.store.pool, async (client) => {
      for (const account of accounts) {
        const token = await issueResetToken(client, { userId: account.id, requestedById: null })
        const mail = passwordResetMail(account, { link: resetLink(publicUrl, token), sentBy: null })
        await app.mail.queue(client, {
          organizationId: account.organizationId,
          kind: 'password_reset',
          to: account.email,
          ...mail,
        })
        const after = { requestedBy: 'self' }
        await writeAuditSql(client, {
          organizationId: account.organizationId,
          actorId: null,
          action: 'user.password_reset_requested',
          entity: 'user',
          entityId: account.id,
          before: null,
          after,
        })
      }
    })
    app.mail.wake()
  }

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { public: true },
      schema: {
        summary: 'Set a new password with a reset link’s token: ends every session of the user, then signs in',
        tags: ['auth'],
        body: PasswordResetConfirmBody,
        response: { 200: LoginResponse, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      // Hashed before the transaction: scrypt must not hold a connection.
      const passwordHash = await hashPassword(request.body.password)
      const used = await inTransaction(app.store.pool, async (client) => {
        const result = await useResetToken(client, request.body.token)
        if ('refused' in result) return result
        await setNewPassword(client, { ...result, passwordHash })
        const after = { passwordReset: true }
        await writeAuditSql(client, {
          organizationId: result.organizationId,
          actorId: result.userId,
          action: 'user.password_reset',
          entity: 'user',
          entityId: result.userId,
          before: null,
          after,
        })
        return result
      })
      if ('refused' in used) throw new HttpError('validation_failed', refusals[used.refused], 'body.token')
      return { user: await signIn(app, request, reply, { userId: used.userId, production }) }
    },
  )

  app.post(
    '/users/:id/password-reset',
    {
      schema: {
        summary: 'Send a person a reset link (admin): 202 when e-mailed, 200 with the link to copy when e-mail is off',
        tags: ['users'],
        params: UserParams,
        response: {
          200: PasswordResetLink,
          202: PasswordResetEmailed,
          400: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      const admin = request.user
      const account = await accountInOrganization(app.store.pool, {
        id: request.params.id,
        organizationId: admin.organizationId,
      })
      if (account === null) throw new HttpError('not_found', `user ${request.params.id} not found`)
      if (!account.active) throw new HttpError('conflict', `${account.name} is deactivated: activate the account first`)
      if (!account.signIn || account.email === null)
        throw new HttpError(
          'conflict',
          `${account.name} has no sign-in yet: invite them instead of resetting a password`,
        )
      const signedIn = { ...account, email: account.email }
      const link = await inTransaction(app.store.pool, async (client) => {
        const token = await issueResetToken(client, { userId: account.id, requestedById: admin.id })
        const url = resetLink(publicUrl, token)
        if (app.mail.enabled) {
          const mail = passwordResetMail(signedIn, { link: url, sentBy: admin.name })
          await app.mail.queue(client, {
            organizationId: account.organizationId,
            kind: 'password_reset',
            to: signedIn.email,
            ...mail,
          })
        }
        const after = { requestedBy: admin.id, delivery: app.mail.enabled ? 'email' : 'link' }
        await writeAuditSql(client, {
          organizationId: admin.organizationId,
          actorId: admin.id,
          action: 'user.password_reset_sent',
          entity: 'user',
          entityId: account.id,
          before: null,
          after,
        })
        return url
      })
      if (!app.mail.enabled) return reply.code(200).send({ link })
      app.mail.wake()
      return reply.code(202).send({ delivery: 'email' as const })
    },
  )
}

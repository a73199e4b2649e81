import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { LoginResponse } from '@kpi/contract/auth'
import { ErrorBody } from '@kpi/contract/errors'
import {
  AcceptInvitationBody,
  CreateInvitationBody,
  InvitationList,
  InvitationParams,
  InvitationPreview,
  InvitationPreviewBody,
  InvitationResponse,
} from '@kpi/contract/invitations'
import { signIn } from '../../auth/sign-in.ts'
import { acceptInvitation, previewInvitation } from './accept.db.ts'
import { listInvitations } from './invitation-read.db.ts'
import { createInvitation, resendInvitation, revokeInvitation } from './invitations.db.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

/**
 * Invitations (docs/decisions/0024): admins invite anyone, managers reps to the teams they manage. The person
 * becomes a user when they accept the link with a password. Preview and accept are public: the link's token is
 * the credential, sent in a POST body so that it never lands in an access log.
 */
export const invitationRoutes: FastifyPluginAsyncZod<{ publicUrl: string; production: boolean }> = async (
  app,
  { publicUrl, production },
) => {
  const ctx = { app, publicUrl }

  app.get(
    '/invitations',
    {
      schema: {
        summary: 'Invitations with their state and e-mail delivery (admin: all; manager: their teams’)',
        tags: ['invitations'],
        response: { 200: InvitationList, 401: ErrorBody, 403: ErrorBody },
      },
      preHandler: app.requireRole('admin', 'manager'),
    },
    async (request) => ({
      mailEnabled: app.mail.enabled,
      invitations: await listInvitations(app.store.pool, request.user),
    }),
  )

  app.post(
    '/invitations',
    {
      schema: {
        summary: 'Invite a person by e-mail (re-inviting replaces the open invitation’s link)',
        description:
          'Re-inviting an email with an open invitation updates that invitation and issues a new link (201 too: ' +
          'a new link was made). Without SMTP_URL nothing is e-mailed and the answer carries `link` instead.',
        tags: ['invitations'],
        body: CreateInvitationBody,
        response: { 201: InvitationResponse, ...errors },
      },
      preHandler: app.requireRole('admin', 'manager'),
    },
    async (request, reply) => {
      return reply.code(201).send(await createInvitation(ctx, request.user, request.body))
    },
  )

  app.post(
    '/invitations/:id/resend',
    {
      schema: {
        summary: 'A new link (and e-mail) for a pending or expired invitation; the old link stops working',
        tags: ['invitations'],
        params: InvitationParams,
        response: { 200: InvitationResponse, ...errors },
      },
      preHandler: app.requireRole('admin', 'manager'),
    },
    async (request) => resendInvitation(ctx, request.user, request.params.id),
  )

  app.delete(
    '/invitations/:id',
    {
      schema: {
        summary: 'Revoke an invitation: its link stops working',
        tags: ['invitations'],
        params: InvitationParams,
        response: { 200: InvitationResponse, ...errors },
      },
      preHandler: app.requireRole('admin', 'manager'),
    },
    async (request) => ({ invitation: await revokeInvitation(app, request.user, request.params.id) }),
  )

  app.post(
    '/invitations/preview',
    {
      config: { public: true },
      schema: {
        summary: 'Who invited whom to which organisation as what (the accept page); 400 naming body.token if unusable',
        tags: ['invitations'],
        body: InvitationPreviewBody,
        response: { 200: InvitationPreview, 400: ErrorBody },
      },
    },
    async (request) => previewInvitation(app.store.pool, request.body.token),
  )

  app.post(
    '/invitations/accept',
    {
      config: { public: true },
      schema: {
        summary: 'Accept an invitation with a password: creates the user and signs them in',
        tags: ['invitations'],
        body: AcceptInvitationBody,
        response: { 200: LoginResponse, 400: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const userId = await acceptInvitation(app.store.pool, request.body)
      return { user: await signIn(app, request, reply, { userId, production }) }
    },
  )
}

import { z } from 'zod'
import { Id, IdParam } from './id.ts'
import { Name, Password, ROLES } from './users.ts'

export const LOCALES = ['en', 'nl'] as const
export const INVITATION_STATES = ['pending', 'expired', 'accepted', 'revoked'] as const
export type InvitationState = (typeof INVITATION_STATES)[number]

export const InvitationParams = z.object({ id: IdParam })

export const CreateInvitationBody = z.object({
  email: z.email().max(254),
  name: Name,
  role: z.enum(ROLES).describe('managers may only invite reps'),
  teamId: Id.nullable().default(null).describe('managers: one of the teams they manage (required)'),
  locale: z
    .enum(LOCALES)
    .optional()
    .describe("the language of the e-mail and of the new account; default: the inviter's"),
  userId: Id.optional().describe(
    'admins: invite a person who already owns records but has no sign-in (decision 0028); accepting gives THAT ' +
      'user this e-mail and a password, keeping their records. Their name, role and team are taken from the user',
  ),
})
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>

export const Invitation = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  teamId: z.number().int().nullable(),
  locale: z.enum(LOCALES),
  state: z.enum(INVITATION_STATES),
  invitedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  userId: z
    .number()
    .int()
    .nullable()
    .describe('the user it is for (an existing person without sign-in) or that the acceptance created'),
  mail: z
    .object({
      status: z.enum(['queued', 'sent', 'failed']),
      error: z.string().nullable().describe("the mail server's answer or the connection error of the last attempt"),
      sentAt: z.string().nullable(),
    })
    .nullable()
    .describe('the last e-mail sent for it; null when mail is off (the link was handed to the inviter)'),
})
export type Invitation = z.infer<typeof Invitation>

export const InvitationList = z.object({
  /** SMTP_URL is set: invitations are e-mailed; otherwise creating or resending one answers the link to copy. */
  mailEnabled: z.boolean(),
  invitations: z.array(Invitation).describe('newest first: admins see all, managers those for their teams'),
})
export type InvitationList = z.infer<typeof InvitationList>

export const InvitationResponse = z.object({
  invitation: Invitation,
  link: z
    .string()
    .optional()
    .describe('only when mail is off (no SMTP_URL): the link to hand to the person; it is shown once'),
})
export type InvitationResponse = z.infer<typeof InvitationResponse>

// The token travels in a POST body, never in a GET URL of the API: URLs end up in access logs.
const Token = z.string().min(1).max(200)

export const InvitationPreviewBody = z.object({ token: Token })

export const InvitationPreview = z.object({
  organization: z.object({ name: z.string() }),
  invitedBy: z.object({ name: z.string() }).nullable(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  team: z.object({ name: z.string() }).nullable(),
  locale: z.enum(LOCALES),
  expiresAt: z.string(),
})
export type InvitationPreview = z.infer<typeof InvitationPreview>

export const AcceptInvitationBody = z.object({
  token: Token,
  password: Password,
  name: Name.optional().describe('to correct the name the inviter typed'),
  locale: z
    .enum(LOCALES)
    .optional()
    .describe("the language of the new account's e-mails; the web sends the UI language; default: the invitation's"),
})

import { z } from 'zod'

export const MailMessagesQuery = z.object({
  status: z.enum(['queued', 'sent', 'failed']).optional().describe('only messages in this state'),
})

export const MailMessage = z.object({
  id: z.string(),
  kind: z.string().describe("what it was for: 'invitation', 'password_reset', …"),
  to: z.string(),
  subject: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable().describe("the mail server's answer or the connection error of the last attempt"),
  nextAttemptAt: z.string().nullable().describe('when a queued message is tried next'),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
})
export type MailMessage = z.infer<typeof MailMessage>

export const MailMessages = z.object({
  /** SMTP_URL is set: messages are sent (otherwise the admin copies links by hand). */
  enabled: z.boolean(),
  items: z.array(MailMessage).describe('the latest 100, newest first'),
})
export type MailMessages = z.infer<typeof MailMessages>

import nodemailer from 'nodemailer'
import type { MailConfig } from '../config.ts'
import type { SendMail } from './outbox.ts'

/**
 * SMTP through nodemailer (the maintained Node mailer: STARTTLS/implicit TLS, AUTH, pooling, correct MIME and
 * header encoding — none of which we want to write). `smtp://` upgrades with STARTTLS when the server offers it,
 * `smtps://` is TLS from the first byte (port 465).
 */
export function smtpSender(mail: MailConfig): { send: SendMail; close: () => void } {
  const transport = nodemailer.createTransport(mail.smtpUrl, {
    from: mail.from,
    // A mail server that hangs must not hold the worker (and its lease) for long.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  return {
    async send(message) {
      await transport.sendMail({ ...message, from: mail.from })
    },
    close: () => transport.close(),
  }
}

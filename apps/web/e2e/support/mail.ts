// The API's test SMTP server (smtp-server + mailparser, resolved from apps/api), shared rather than copied.
import { startSmtpServer, type TestSmtpServer } from '../../../api/src/testing/smtp-server.ts'
import { startServer, type RunningServer, type ServerEnv } from './server.ts'

type Mail = Awaited<ReturnType<TestSmtpServer['waitFor']>>

/** SMTP_URL at `smtp`, MAIL_FROM, and PUBLIC_URL at the server's own base URL (the e-mailed links open it). */
export function mailEnv(smtp: TestSmtpServer, from: string): ServerEnv {
  return { SMTP_URL: smtp.url, MAIL_FROM: from, PUBLIC_URL: (baseUrl) => baseUrl }
}

export type ServerWithMail = { server: RunningServer; smtp: TestSmtpServer; stop: () => Promise<void> }

/** A real SMTP server and a server of its own that sends to it (demo data unless `env` says otherwise). */
export async function startServerWithMail({ from, env = {} }: { from: string; env?: ServerEnv }) {
  const smtp = await startSmtpServer()
  const server = await startServer({ env: { ...mailEnv(smtp, from), ...env } }).catch(async (error: unknown) => {
    await smtp.close()
    throw error
  })
  const stop = async () => {
    await server.stop()
    await smtp.close()
  }
  return { server, smtp, stop } satisfies ServerWithMail
}

/** The e-mails `smtp` received for `email`, oldest first. */
export function mailsTo(smtp: TestSmtpServer, email: string): Mail[] {
  return smtp.received.filter((m) => JSON.stringify(m.to ?? '').includes(email))
}

/** The next e-mail to `email` after the `seen` ones already read; fails after a minute. */
export function nextMailTo(smtp: TestSmtpServer, email: string, seen = 0): Promise<Mail> {
  return smtp.waitFor((m) => mailsTo(smtp, email).indexOf(m) >= seen, 60_000)
}

/** The `<baseUrl>/<path>/<token>` link in an e-mail's text; throws with the text when there is none. */
export function linkIn(mail: Mail, baseUrl: string, path: 'invite' | 'reset-password'): string {
  const link = new RegExp(`${baseUrl}/${path}/[A-Za-z0-9_-]{43}`).exec(mail.text ?? '')?.[0]
  if (!link) throw new Error(`no ${path} link in: ${mail.text}`)
  return link
}

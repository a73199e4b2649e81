import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server for tests (the `smtp-server` package, by nodemailer's author): it speaks the protocol
 * nodemailer talks to production servers, and every message it accepts is parsed (mailparser) for the test to
 * read. `refuse(rcpt)` returning a reply text makes the server answer that recipient with 550 — a bounce the
 * sender sees, as a real server's "mailbox unavailable".
 */
export type TestSmtpServer = {
  /** smtp://user:pass@127.0.0.1:<port> for SMTP_URL. */
  url: string
  received: ParsedMail[]
  /** The first received message (already or later) that matches; fails after timeoutMs. */
  waitFor: (match: (mail: ParsedMail) => boolean, timeoutMs?: number) => Promise<ParsedMail>
  refuse: (rule: ((recipient: string) => string | null) | null) => void
  close: () => Promise<void>
}

export const SMTP_USER = 'kpi'
export const SMTP_PASSWORD = 'mail-secret'

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ParsedMail[] = []
  const waiting = new Set<() => void>()
  let refusal: ((recipient: string) => string | null) | null = null
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    // Plain AUTH over an unencrypted loopback connection: fine for a test, and proves the URL's credentials are used.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username })
      callback(new Error('535 authentication failed'))
    },
    onRcptTo(address, _session, callback) {
      const reason = refusal?.(address.address) ?? null
      if (reason === null) return callback()
      const error = Object.assign(new Error(reason), { responseCode: 550 })
      callback(error)
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail)
          for (const wake of waiting) wake()
          callback()
        })
        .catch(callback)
    },
    logger: false,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  if (typeof address !== 'object' || address === null) throw new Error('SMTP server has no port')
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${address.port}`,
    received,
    waitFor(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match)
          if (!found) return false
          cleanup()
          resolve(found)
          return true
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(
            new Error(
              `no matching e-mail within ${timeoutMs} ms (received: ${received.map((m) => m.subject).join(', ') || 'none'})`,
            ),
          )
        }, timeoutMs)
        const wake = () => void check()
        const cleanup = () => {
          clearTimeout(timer)
          waiting.delete(wake)
        }
        waiting.add(wake)
        check()
      })
    },
    refuse: (rule) => {
      refusal = rule
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

import { createTestDatabase } from '@kpi/db/testing/test-database'
import { beforeAll, describe, expect, test, vi } from 'vitest'
import { buildApp } from '../app.ts'
import { loginAs } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { useMailApp } from '../testing/mail-test-kit.ts'
import { freePort, testConfig } from '../testing/test-app.ts'
import type { OutgoingMail } from './outbox.ts'
import { renderMail } from './render.ts'

// E-mail end to end: the outbox, the worker on the job queue, nodemailer, and a real SMTP server that parses
// what it receives. Back-offs are milliseconds here (production: outbox.ts BACKOFF_MS).

const FROM = 'KPI dashboard <kpi@example.com>'
const worker = { pollMs: 500, backoffMs: [50, 50], sweepCron: null }

const kit = useMailApp({ from: FROM, worker })
let tenant: Tenant

beforeAll(async () => {
  tenant = await seedTenant(kit.db.pool)
})

const content = renderMail({
  subject: 'Welcome to <Acme> & co',
  greeting: 'Hello Anna,',
  paragraphs: ['Bram invited you to "Acme".'],
  action: { label: 'Accept the invitation', url: 'http://localhost:3000/invite/abc?x=1&y=2' },
  footer: ['The link works for 7 days.'],
  signature: 'Acme',
})

function mailTo(to: string, kind = 'invitation'): OutgoingMail {
  return { organizationId: tenant.organizationId, kind, to, ...content }
}

async function rowOf(id: string) {
  const { rows } = await kit.db.pool.query<{
    status: string
    attempts: number
    last_error: string | null
    text_body: string | null
    html_body: string | null
    sent_at: Date | null
  }>('SELECT status::text, attempts, last_error, text_body, html_body, sent_at FROM mail_messages WHERE id = $1', [id])
  return rows[0]!
}

describe('renderMail', () => {
  test('a plain-text part with the link written out, and HTML with everything escaped', () => {
    expect(content.text).toBe(
      [
        'Hello Anna,',
        '',
        'Bram invited you to "Acme".',
        '',
        'Accept the invitation: http://localhost:3000/invite/abc?x=1&y=2',
        '',
        'The link works for 7 days.',
        '',
        '— ',
        'Acme',
        '',
      ].join('\n'),
    )
    expect(content.html).toContain('<title>Welcome to &lt;Acme&gt; &amp; co</title>')
    expect(content.html).toContain('Bram invited you to &quot;Acme&quot;.')
    expect(content.html).toContain('href="http://localhost:3000/invite/abc?x=1&amp;y=2"')
    expect(content.html).not.toMatch(/<script|<img|src=/i)
  })
})

describe('sending', () => {
  test('a queued message reaches the SMTP server (authenticated, from MAIL_FROM) and its bodies are erased', async () => {
    const id = await kit.app.mail.queue(kit.db.pool, mailTo('anna@example.com'))
    kit.app.mail.wake()
    const mail = await kit.smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes('anna@example.com'))
    expect(mail.from?.text).toBe('"KPI dashboard" <kpi@example.com>')
    expect(mail.subject).toBe('Welcome to <Acme> & co')
    expect(mail.text).toContain('Accept the invitation: http://localhost:3000/invite/abc?x=1&y=2')
    expect(mail.html).toContain('href="http://localhost:3000/invite/abc?x=1&amp;y=2"')
    await vi.waitFor(async () => expect((await rowOf(id)).status).toBe('SENT'))
    expect(await rowOf(id)).toMatchObject({ attempts: 1, last_error: null, text_body: null, html_body: null })
  })

  test('a message queued in a transaction that rolls back is never sent', async () => {
    const client = await kit.db.pool.connect()
    try {
      await client.query('BEGIN')
      await kit.app.mail.queue(client, mailTo('rolled-back@example.com'))
      await client.query('ROLLBACK')
    } finally {
      client.release()
    }
    const { rows } = await kit.db.pool.query("SELECT 1 FROM mail_messages WHERE to_address = 'rolled-back@example.com'")
    expect(rows).toEqual([])
  })

  test('a refused recipient is retried, then failed with the server’s answer — visible to the admin only', async () => {
    kit.smtp.refuse((recipient) => (recipient === 'gone@example.com' ? '550 5.1.1 mailbox unavailable' : null))
    try {
      const id = await kit.app.mail.queue(kit.db.pool, mailTo('gone@example.com'))
      kit.app.mail.wake()
      await vi.waitFor(async () => expect((await rowOf(id)).status).toBe('FAILED'), { timeout: 15_000, interval: 100 })
      const row = await rowOf(id)
      expect(row.attempts).toBe(3)
      expect(row.last_error).toMatch(/550 5\.1\.1 mailbox unavailable/)
      expect([row.text_body, row.html_body]).toEqual([null, null])

      const admin = await loginAs(kit.app, tenant.admin.email)
      const list = await kit.app.inject({ url: '/api/mail/messages?status=failed', headers: admin.headers })
      expect(list.statusCode).toBe(200)
      expect(list.json()).toMatchObject({
        enabled: true,
        items: [{ id, kind: 'invitation', to: 'gone@example.com', status: 'failed', attempts: 3, nextAttemptAt: null }],
      })
      const otherAdmin = await loginAs(kit.app, tenant.other.admin.email)
      const theirs = await kit.app.inject({ url: '/api/mail/messages', headers: otherAdmin.headers })
      expect(theirs.json().items).toEqual([])
      const rep = await loginAs(kit.app, tenant.teams[0].reps[0].email)
      expect((await kit.app.inject({ url: '/api/mail/messages', headers: rep.headers })).statusCode).toBe(403)
    } finally {
      kit.smtp.refuse(null)
    }
  })

  test('a mail server that cannot be reached: retried, then failed naming the connection error', async () => {
    // A database of its own: this file's worker (a working server) would send the message otherwise, as another
    // replica would.
    await using own = await createTestDatabase()
    const { organizationId } = await seedTenant(own.pool)
    const down = `smtp://kpi:x@127.0.0.1:${await freePort()}`
    const second = await buildApp({
      config: testConfig({ mail: { smtpUrl: down, from: FROM } }),
      store: own,
      mail: worker,
    })
    try {
      const id = await second.mail.queue(own.pool, { ...mailTo('nobody-home@example.com'), organizationId })
      second.mail.wake()
      const status = async () =>
        (await own.pool.query('SELECT status::text, last_error FROM mail_messages WHERE id = $1', [id])).rows[0]
      await vi.waitFor(async () => expect(await status()).toMatchObject({ status: 'FAILED' }), {
        timeout: 15_000,
        interval: 100,
      })
      expect((await status()).last_error).toMatch(/ECONNREFUSED/)
    } finally {
      await second.close()
    }
  })

  test('queued while no worker runs (a restart): sent when a worker starts', async () => {
    const queueOnly = await buildApp({ config: kit.config, store: kit.db })
    const id = await queueOnly.mail.queue(kit.db.pool, mailTo('after-restart@example.com'))
    await queueOnly.close()
    expect((await rowOf(id)).status).toBe('QUEUED')
    // The file's app has a worker already; a fresh one (another replica, or this one restarted) must pick it up too.
    const restarted = await buildApp({ config: kit.config, store: kit.db, mail: worker })
    try {
      await kit.smtp.waitFor((m) => JSON.stringify(m.to).includes('after-restart@example.com'))
      await vi.waitFor(async () => expect((await rowOf(id)).status).toBe('SENT'))
    } finally {
      await restarted.close()
    }
  })

  test('without SMTP_URL nothing can be queued, and the admin’s list says mail is off', async () => {
    const off = await buildApp({ config: testConfig(), store: kit.db })
    try {
      expect(off.mail.enabled).toBe(false)
      await expect(off.mail.queue(kit.db.pool, mailTo('x@example.com'))).rejects.toThrow(/not configured/)
      const admin = await loginAs(off, tenant.admin.email)
      expect((await off.inject({ url: '/api/mail/messages', headers: admin.headers })).json()).toMatchObject({
        enabled: false,
      })
    } finally {
      await off.close()
    }
  })
})

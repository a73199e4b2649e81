import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll } from 'vitest'
import { buildApp, type App } from '../app.ts'
import type { Config } from '../config.ts'
import type { MailWorkerOptions } from '../mail/mail.plugin.ts'
import { startSmtpServer, type TestSmtpServer } from './smtp-server.ts'
import { testConfig } from './test-app.ts'

// Shared set-up for the tests that check what is e-mailed: one database, one real SMTP server and one app whose
// mail worker sends to it, per test file (like routes/settings/config-test-kit.ts `useApp`, plus mail).

export type MailKit = {
  app: App
  db: TestDatabase
  smtp: TestSmtpServer
  /** The app's configuration, for a test that builds a second app (a restart, another replica) like it. */
  config: Config
}

export type MailKitOptions = {
  /** MAIL_FROM. */
  from: string
  /** PUBLIC_URL, which the e-mailed links start with. */
  publicUrl?: string
  /** The worker polls every 500 ms (pg-boss's minimum) and has no every-minute sweep unless a test says so. */
  worker?: MailWorkerOptions
}

export function useMailApp({ from, publicUrl, worker = { pollMs: 500, sweepCron: null } }: MailKitOptions): MailKit {
  const kit = {} as MailKit
  beforeAll(async () => {
    kit.db = await createTestDatabase()
    kit.smtp = await startSmtpServer()
    kit.config = testConfig({ mail: { smtpUrl: kit.smtp.url, from }, ...(publicUrl ? { publicUrl } : {}) })
    kit.app = await buildApp({ config: kit.config, store: kit.db, mail: worker })
  })
  afterAll(async () => {
    await kit.app?.close()
    await kit.smtp?.close()
    await kit.db?.[Symbol.asyncDispose]()
  })
  return kit
}

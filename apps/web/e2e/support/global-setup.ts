import type { TestProject } from 'vitest/node'
import { openBrowser } from './browser.ts'
import { startServer } from './server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

/**
 * One server (fresh demo database) for the whole e2e run; stopped with SIGTERM at the end. Says which browser
 * build the run used (Debian updates Chromium between runs) and what date the server's clock gave.
 */
export default async function setup(project: TestProject) {
  const browser = await openBrowser()
  const version = browser.version()
  await browser.close()
  const server = await startServer()
  console.log(
    `e2e: Chromium ${version} (/usr/bin/chromium), server ${server.baseUrl}, clock ${new Date().toISOString()}`,
  )
  project.provide('baseUrl', server.baseUrl)
  return async () => server.stop()
}

import type { TestProject } from 'vitest/node'
import { startServer } from './server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

/** One server (fresh demo database) for the whole e2e run; stopped with SIGTERM at the end. */
export default async function setup(project: TestProject) {
  const server = await startServer()
  project.provide('baseUrl', server.baseUrl)
  return async () => server.stop()
}

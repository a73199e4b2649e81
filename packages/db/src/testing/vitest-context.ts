// Values the db globalSetup hands to every test file through vitest's provide/inject.
declare module 'vitest' {
  interface ProvidedContext {
    /** postgresql:// url of the `postgres` database on the test run's embedded cluster (superuser). */
    pgAdminUrl: string
    /** Name of the migrated template database that createTestDatabase() copies. */
    pgTemplateDatabase: string
  }
}

export {}

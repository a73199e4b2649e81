import { defineConfig } from 'prisma/config'

// The CLI is used for `prisma generate` only; migrations are applied by our own migrator
// (packages/db/src/migrator.ts), which writes _prisma_migrations exactly like `prisma migrate deploy`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
})

#!/bin/sh
# Stand-in for Prisma's schema engine, which cannot be downloaded on our machines.
# `prisma generate` never calls it; `prisma migrate` would, and must not be used here:
# migrations are plain SQL applied by packages/db/src/migrator.ts (see docs/decisions/0002-migrations.md).
echo "schema engine unavailable: apply migrations with 'pnpm migrate' (our migrator), not 'prisma migrate'" >&2
exit 1

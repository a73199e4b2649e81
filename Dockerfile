# Production image: the folder scripts/build-production.mjs makes — the API bundle, the prebuilt web app, the
# migrations and production dependencies only (no dev tools, no embedded PostgreSQL) — on Node 24, run as the
# unprivileged `node` user with the application files owned by root (read-only to the process).
# It needs a PostgreSQL 17 given by DATABASE_URL (docker-compose.yml); it applies pending migrations on start and
# serves API + web app on PORT. apps/api/src/production-build.test.ts starts that same folder against PostgreSQL.
# Size: the base image plus the application folder, 109 MB on 2026-12-05 (70 MB of it @prisma/client; README).
FROM node:24-bookworm-slim AS build
WORKDIR /src
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && node scripts/build-production.mjs /app

FROM node:24-bookworm-slim
WORKDIR /app
# MALLOC_ARENA_MAX and the node flags: as `pnpm start` runs the API (scripts/start.mjs, apiNodeOptions/apiEnvDefaults).
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DEMO_DATA=false MALLOC_ARENA_MAX=2
COPY --from=build /app /app
EXPOSE 3000
USER node
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "--max-semi-space-size=8", "apps/api/dist/server.mjs"]

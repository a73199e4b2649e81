# Production image: the same product as `pnpm start`, against a standard PostgreSQL (DATABASE_URL).
# The app applies pending migrations on start (packages/db/src/migrator.ts) and serves API + web app on PORT.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm --filter @kpi/web build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DEMO_DATA=false
COPY --from=build /app /app
EXPOSE 3000
USER node
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "scripts/start.mjs"]

-- Fixed-window request counters for the rate limits on imports, exports and writes (apps/api/src/plugins/rate-limit.ts),
-- in PostgreSQL so that every API replica counts against the same allowance.
CREATE TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key","window_start")
);

-- Old windows are deleted by age.
CREATE INDEX "rate_limit_counters_window_start_idx" ON "rate_limit_counters"("window_start");

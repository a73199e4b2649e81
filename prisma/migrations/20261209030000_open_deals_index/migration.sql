-- The open pipeline at now (issue 19): "created before t and not closed before t" had no index as a range, so every
-- dashboard miss read all of the organisation's deals (1 M on the benchmark: ~150 ms alone, 300–800 ms beside the
-- other groups) for the ~4 % that are open. The pipeline statement (apps/api/src/kpi/pipeline.sql.ts) now reads the
-- deals not closed (this partial index, index-only: every column the aggregate and the scopes read) and, apart, the
-- deals closed at or after t (deals (organization_id, status, closed_at)); 13 ms for the organisation.
-- Deals are mostly inserted closed (imports of history) and then leave no entry here. schema.prisma declares it as a
-- plain index of the same columns: Prisma's schema has no partial indexes, and the drift test compares columns.

-- CreateIndex
CREATE INDEX "deals_open_organization_id_created_at_idx" ON "deals"("organization_id", "created_at", "team_id", "owner_id", "customer_id", "amount", "probability", "expected_close_at") WHERE "closed_at" IS NULL;

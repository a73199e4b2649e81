-- Indexes for the KPI statements' per-row probes and per-scope counts (apps/api/src/kpi, "Plans and timings"):
-- the probes become index-only scans, and team/rep MQL and SQL counts no longer AND a bitmap of every lead of
-- the team or rep into each span. Wider indexes replace the ones they extend, so the count of indexes a write
-- maintains grows only by the four lead indexes.

-- DropIndex
DROP INDEX "activities_lead_id_occurred_at_idx";

-- DropIndex
DROP INDEX "leads_organization_id_account_key_created_at_idx";

-- DropIndex
DROP INDEX "deals_team_id_closed_at_idx";

-- DropIndex
DROP INDEX "deals_customer_id_closed_at_idx";

-- CreateIndex: a lead's first activity (leads.sql.ts), organization_id checked in the index
CREATE INDEX "activities_lead_id_occurred_at_organization_id_idx" ON "activities"("lead_id", "occurred_at", "organization_id");

-- CreateIndex: "no earlier lead of the same account" with (created_at, id) < (…) as an index condition
CREATE INDEX "leads_organization_id_account_key_created_at_id_idx" ON "leads"("organization_id", "account_key", "created_at", "id");

-- CreateIndex: MQL cohort and qualified leads per team and per rep
CREATE INDEX "leads_team_id_mql_at_idx" ON "leads"("team_id", "mql_at");

-- CreateIndex
CREATE INDEX "leads_team_id_sql_at_idx" ON "leads"("team_id", "sql_at");

-- CreateIndex
CREATE INDEX "leads_owner_id_mql_at_idx" ON "leads"("owner_id", "mql_at");

-- CreateIndex
CREATE INDEX "leads_owner_id_sql_at_idx" ON "leads"("owner_id", "sql_at");

-- CreateIndex: the open-pipeline snapshot per team tests "created before t" in the index
CREATE INDEX "deals_team_id_closed_at_created_at_idx" ON "deals"("team_id", "closed_at", "created_at");

-- CreateIndex: a customer's first won deal (acquisitions.sql.ts) as an index-only probe
CREATE INDEX "deals_customer_id_status_closed_at_id_organization_id_idx" ON "deals"("customer_id", "status", "closed_at", "id", "organization_id");

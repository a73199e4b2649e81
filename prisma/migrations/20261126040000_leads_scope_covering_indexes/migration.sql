-- A team's or rep's leads group (apps/api/src/kpi/leads.sql.ts) read its leads from the table through
-- (team_id | owner_id, created_at / mql_at / sql_at): a team's leads lie on every page of the table, so a team
-- year read ~200 k pages. These replace those six indexes with ones holding every column the group reads, so it
-- reads the indexes only — as the organisation's leads group already does (leads_organization_id_created_at_facts_idx).
-- Same count of indexes per row written; wider entries (figures: README Performance).

-- DropIndex
DROP INDEX "leads_owner_id_created_at_idx";
DROP INDEX "leads_team_id_created_at_idx";
DROP INDEX "leads_team_id_mql_at_idx";
DROP INDEX "leads_team_id_sql_at_idx";
DROP INDEX "leads_owner_id_mql_at_idx";
DROP INDEX "leads_owner_id_sql_at_idx";

-- CreateIndex
CREATE INDEX "leads_team_id_created_at_facts_idx" ON "leads"("team_id", "created_at", "channel", "opportunity_at", "first_activity_at", "account_first", "organization_id");
CREATE INDEX "leads_owner_id_created_at_facts_idx" ON "leads"("owner_id", "created_at", "channel", "opportunity_at", "first_activity_at", "account_first", "organization_id");
CREATE INDEX "leads_team_id_mql_at_sql_at_organization_id_idx" ON "leads"("team_id", "mql_at", "sql_at", "organization_id");
CREATE INDEX "leads_team_id_sql_at_organization_id_idx" ON "leads"("team_id", "sql_at", "organization_id");
CREATE INDEX "leads_owner_id_mql_at_sql_at_organization_id_idx" ON "leads"("owner_id", "mql_at", "sql_at", "organization_id");
CREATE INDEX "leads_owner_id_sql_at_organization_id_idx" ON "leads"("owner_id", "sql_at", "organization_id");

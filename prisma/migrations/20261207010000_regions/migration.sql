-- Regions (issue 18, decision 0034): groups of teams (regional offices), a scope between the organisation and a
-- team. A team belongs to at most one region; deleting a region leaves its teams without one (SET NULL, as a
-- deleted team leaves its users), while its own targets and thresholds go with it (CASCADE, as a team's do).
ALTER TYPE "ScopeType" ADD VALUE 'REGION';

CREATE TABLE "regions" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "manager_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "regions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "regions_organization_id_name_key" ON "regions"("organization_id", "name");
CREATE INDEX "regions_manager_id_idx" ON "regions"("manager_id");
ALTER TABLE "regions" ADD CONSTRAINT "regions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "regions" ADD CONSTRAINT "regions_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "teams" ADD COLUMN "region_id" INTEGER;
CREATE INDEX "teams_region_id_idx" ON "teams"("region_id");
ALTER TABLE "teams" ADD CONSTRAINT "teams_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "targets" ADD COLUMN "region_id" INTEGER;
CREATE INDEX "targets_region_id_idx" ON "targets"("region_id");
ALTER TABLE "targets" ADD CONSTRAINT "targets_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "thresholds" ADD COLUMN "region_id" INTEGER;
CREATE INDEX "thresholds_region_id_idx" ON "thresholds"("region_id");
ALTER TABLE "thresholds" ADD CONSTRAINT "thresholds_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A region's name is part of KPI answers (the scope's name): renaming one must invalidate cached answers.
CREATE TRIGGER kpi_data_inserted AFTER INSERT ON "regions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_data_changed();
CREATE TRIGGER kpi_data_updated AFTER UPDATE ON "regions" REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_data_changed();
CREATE TRIGGER kpi_data_deleted AFTER DELETE ON "regions" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_data_changed();
CREATE TRIGGER kpi_data_truncated AFTER TRUNCATE ON "regions"
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_data_truncated();

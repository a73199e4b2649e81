-- A data version per organisation, bumped by PostgreSQL itself in the writer's transaction, so every way of
-- writing (API, CSV import, demo load, direct SQL, several API replicas) invalidates the KPI answer cache
-- (apps/api/src/kpi/answer-cache.ts; docs/decisions/0008-kpi-answer-cache.md). A reader that sees version v
-- sees all data written up to v.

-- CreateTable
CREATE TABLE "kpi_data_versions" (
    "organization_id" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_data_versions_pkey" PRIMARY KEY ("organization_id")
);

-- AddForeignKey
ALTER TABLE "kpi_data_versions" ADD CONSTRAINT "kpi_data_versions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex: the open-pipeline snapshot ("created before t and not closed before t")
CREATE INDEX "deals_organization_id_created_at_idx" ON "deals"("organization_id", "created_at");

-- +1 for each organisation in org_ids that still exists (a deleted organisation takes its version row with it,
-- and its cascaded child deletes must not re-create one). Ascending id order, so two writers touching the same
-- organisations lock their version rows in the same order.
CREATE FUNCTION kpi_bump_data_versions(org_ids INTEGER[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO kpi_data_versions AS v (organization_id, version, changed_at)
  SELECT o.id, 1, now() FROM organizations o WHERE o.id = ANY (org_ids) ORDER BY o.id
  ON CONFLICT (organization_id) DO UPDATE SET version = v.version + 1, changed_at = now()
$$;

-- Statement-level trigger functions. The transition tables are named `changed` (the new rows for INSERT and
-- UPDATE, the old rows for DELETE) and `changed_before` (the old rows of an UPDATE: a row moved to another
-- organisation changes both).
CREATE FUNCTION kpi_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM kpi_bump_data_versions(ARRAY(SELECT organization_id FROM changed UNION SELECT organization_id FROM changed_before));
  ELSE
    PERFORM kpi_bump_data_versions(ARRAY(SELECT DISTINCT organization_id FROM changed));
  END IF;
  RETURN NULL;
END
$$;

-- organizations: the organisation is the row itself (settings: time zone, fiscal year, split targets, leaderboard).
CREATE FUNCTION kpi_data_changed_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kpi_bump_data_versions(ARRAY(SELECT DISTINCT id FROM changed));
  RETURN NULL;
END
$$;

-- focus_area_kpis has no organization_id: its focus area has. (When a focus area is deleted, the cascade finds no
-- parent here, but the focus_areas trigger of that DELETE has bumped the version already.)
CREATE FUNCTION kpi_data_changed_focus_area_kpis() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM kpi_bump_data_versions(ARRAY(
      SELECT DISTINCT f.organization_id FROM focus_areas f
      WHERE f.id IN (SELECT focus_area_id FROM changed UNION SELECT focus_area_id FROM changed_before)));
  ELSE
    PERFORM kpi_bump_data_versions(ARRAY(
      SELECT DISTINCT f.organization_id FROM focus_areas f WHERE f.id IN (SELECT focus_area_id FROM changed)));
  END IF;
  RETURN NULL;
END
$$;

-- TRUNCATE has no transition table: bump every organisation.
CREATE FUNCTION kpi_data_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kpi_bump_data_versions(ARRAY(SELECT id FROM organizations));
  RETURN NULL;
END
$$;

-- One trigger per event and table (PostgreSQL allows transition tables only on single-event triggers), on every
-- table the KPI answers read. kpi_data_versions.test.ts fails when a table read by the KPI SQL lacks them.
DO $$
DECLARE
  t TEXT;
  fn TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'holidays', 'teams', 'users', 'products', 'customers', 'leads', 'deals',
    'activities', 'costs', 'survey_responses', 'targets', 'thresholds', 'focus_areas', 'focus_area_kpis']
  LOOP
    fn := CASE t WHEN 'organizations' THEN 'kpi_data_changed_organizations'
                 WHEN 'focus_area_kpis' THEN 'kpi_data_changed_focus_area_kpis'
                 ELSE 'kpi_data_changed' END;
    EXECUTE format('CREATE TRIGGER kpi_data_inserted AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t, fn);
    EXECUTE format('CREATE TRIGGER kpi_data_updated AFTER UPDATE ON %I REFERENCING OLD TABLE AS changed_before '
                   'NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION %I()', t, fn);
    EXECUTE format('CREATE TRIGGER kpi_data_deleted AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t, fn);
    EXECUTE format('CREATE TRIGGER kpi_data_truncated AFTER TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION kpi_data_truncated()', t);
  END LOOP;
END
$$;

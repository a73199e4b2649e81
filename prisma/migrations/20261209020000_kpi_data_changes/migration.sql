-- What each data version changed, so that a write no longer throws away every cached aggregate of its organisation
-- (issue 19; docs/decisions/0041-span-aggregates-under-writes.md). Every bump of kpi_data_versions (one per writing
-- statement, in the writer's transaction) now also records the statement's reach: the earliest instant from which
-- a span's aggregates may differ. A span [start, end) with end <= reach is unchanged by the write. NULL: any span
-- (settings, structure, or a change whose effects the trigger cannot place in time); 'infinity': no aggregate
-- (targets, thresholds, the layout: the answer reads those afresh for every version anyway).

-- CreateTable
CREATE TABLE "kpi_data_changes" (
    "organization_id" INTEGER NOT NULL,
    "version" BIGINT NOT NULL,
    "reach_from" TIMESTAMPTZ(3),

    CONSTRAINT "kpi_data_changes_pkey" PRIMARY KEY ("organization_id","version")
);

-- AddForeignKey
ALTER TABLE "kpi_data_changes" ADD CONSTRAINT "kpi_data_changes_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- +1 for each organisation in org_ids that still exists, as before (20261205040000_data_change_notify), plus one
-- kpi_data_changes row per new version with `reach`. The writers prune their organisation's log to its last 100,000
-- versions (an index range on the primary key; a reader that last looked further back recomputes everything).
-- reach_from is timestamptz(3), as every time column the aggregates read: a reach with finer digits is rounded
-- down, never up.
CREATE FUNCTION kpi_bump_data_versions(org_ids INTEGER[], reach TIMESTAMPTZ) RETURNS void LANGUAGE sql AS $$
  WITH bumped AS (
    INSERT INTO kpi_data_versions AS v (organization_id, version, changed_at)
    SELECT o.id, 1, now() FROM organizations o WHERE o.id = ANY (org_ids) ORDER BY o.id
    ON CONFLICT (organization_id) DO UPDATE SET version = v.version + 1, changed_at = now()
    RETURNING v.organization_id, v.version
  ),
  logged AS (
    INSERT INTO kpi_data_changes (organization_id, version, reach_from)
    SELECT organization_id, version, date_trunc('milliseconds', reach) FROM bumped
  )
  DELETE FROM kpi_data_changes c USING bumped b
  WHERE c.organization_id = b.organization_id AND c.version <= b.version - 100000;
  SELECT pg_notify('kpi_data_changed', o.id::text) FROM organizations o WHERE o.id = ANY (org_ids);
$$;

-- The one-argument form (organisations' settings, TRUNCATE): any span.
CREATE OR REPLACE FUNCTION kpi_bump_data_versions(org_ids INTEGER[]) RETURNS void LANGUAGE sql AS $$
  SELECT kpi_bump_data_versions(org_ids, NULL::timestamptz);
$$;

-- The reach of one statement on `TG_TABLE_NAME`, from its transition tables `changed` (and `changed_before` for an
-- UPDATE). What the aggregate SQL (apps/api/src/kpi/*.sql.ts) reads across tables decides the cases:
--   activities, deals, leads, costs, survey_responses, customers (insert, delete): the earliest value of any time
--     column of the old and new rows (a date column from the day before: the organisation's midnight may be up to
--     14 hours earlier than UTC's). A row counts in a span only through its own times (created, closed, occurred,
--     qualified, first activity …); a change that moves another row's facts writes that row too (the lead-facts
--     triggers update leads; a deleted lead sets its deals' lead to NULL) and so reports that row's reach.
--   leads whose created_at or organisation changed: any span (the deals group reads the created_at of a won deal's
--     lead, and the deal's own times may lie before it).
--   customers updated: any span (a customer's owner places it in a team; its figures lie in its deals' times).
--   users whose team, organisation, role or active flag changed; teams whose region or organisation changed: any
--     span (customers count in their owner's team, regions are their teams). Other user and team writes (a name, a
--     locale, a new user who owns nothing yet): none.
--   targets, thresholds, focus_areas, regions: none (the answers, not the aggregates, read them).
--   anything else (holidays, products, tables added later): any span.
-- "Changed" is found without joining the two transition tables (the planner takes them for one row each, so a join
-- of two 5000-row tables became a nested loop, 20261126020100): the UNION of the old and new tuples of the watched
-- columns has more rows than the statement changed exactly when one of them changed.
CREATE OR REPLACE FUNCTION kpi_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  reach TIMESTAMPTZ;
  watched TEXT;
  times TEXT;
  moved BOOLEAN := false;
BEGIN
  IF TG_TABLE_NAME IN ('targets', 'thresholds', 'focus_areas', 'regions') THEN
    reach := 'infinity';
  ELSIF TG_TABLE_NAME IN ('activities', 'deals', 'leads', 'costs', 'survey_responses', 'customers', 'users', 'teams') THEN
    watched := CASE TG_TABLE_NAME
      WHEN 'leads' THEN 'id, organization_id, created_at'
      WHEN 'users' THEN 'id, organization_id, team_id, role, active'
      WHEN 'teams' THEN 'id, organization_id, region_id'
    END;
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'customers' THEN
      moved := true;
    ELSIF TG_OP = 'UPDATE' AND watched IS NOT NULL THEN
      EXECUTE format('SELECT (SELECT count(*) FROM (SELECT %1$s FROM changed UNION SELECT %1$s FROM changed_before) u)
                             > (SELECT count(*) FROM changed)', watched) INTO moved;
    END IF;
    IF moved THEN
      reach := NULL;
    ELSIF TG_TABLE_NAME IN ('users', 'teams') THEN
      reach := 'infinity';
    ELSE
      SELECT string_agg(format(CASE WHEN atttypid = 'date'::regtype THEN '(min(%I) - 1)::timestamptz' ELSE 'min(%I)::timestamptz' END,
                               attname), ', ')
        INTO times
        FROM pg_attribute
       WHERE attrelid = TG_RELID AND attnum > 0 AND NOT attisdropped
         AND atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype);
      EXECUTE format('SELECT least(%s) FROM changed', times) INTO reach;
      IF TG_OP = 'UPDATE' THEN
        EXECUTE format('SELECT least($1, %s) FROM changed_before', times) INTO reach USING reach;
      END IF;
      -- No row (a statement that changed nothing) or no time at all: no span.
      reach := coalesce(reach, 'infinity');
    END IF;
  ELSE
    reach := NULL;
  END IF;

  IF TG_OP = 'UPDATE' THEN
    PERFORM kpi_bump_data_versions(ARRAY(SELECT organization_id FROM changed UNION SELECT organization_id FROM changed_before), reach);
  ELSE
    PERFORM kpi_bump_data_versions(ARRAY(SELECT DISTINCT organization_id FROM changed), reach);
  END IF;
  RETURN NULL;
END
$$;

-- The layout: no aggregate reads it.
CREATE OR REPLACE FUNCTION kpi_data_changed_focus_area_kpis() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM kpi_bump_data_versions(ARRAY(
      SELECT DISTINCT f.organization_id FROM focus_areas f
      WHERE f.id IN (SELECT focus_area_id FROM changed UNION SELECT focus_area_id FROM changed_before)), 'infinity');
  ELSE
    PERFORM kpi_bump_data_versions(ARRAY(
      SELECT DISTINCT f.organization_id FROM focus_areas f WHERE f.id IN (SELECT focus_area_id FROM changed)), 'infinity');
  END IF;
  RETURN NULL;
END
$$;

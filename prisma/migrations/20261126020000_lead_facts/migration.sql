-- Derived lead facts, kept by PostgreSQL in the writer's transaction (docs/decisions/0009-lead-facts.md), so the
-- leads aggregate (apps/api/src/kpi/leads.sql.ts) reads two columns instead of probing activities and earlier
-- leads once per lead in the span:
--   first_activity_at: the earliest activities.occurred_at with lead_id = the lead, the lead's organisation, and
--                      occurred_at >= the lead's created_at (NULL when there is none);
--   account_first:     account_key IS NOT NULL and no lead of the organisation with the same account_key has a
--                      smaller (created_at, id).
-- Every trigger recomputes the facts of the leads (or accounts) its statement touched from the tables, with set-based
-- index probes, and writes only the rows whose value changes. Concurrent writers of one organisation are ordered by
-- the kpi_data_versions row lock that the kpi_data_* triggers take first (same event, alphabetical trigger order;
-- each statement of a plpgsql function takes a fresh snapshot in READ COMMITTED), so the recompute sees every
-- committed write of that organisation.

-- DropIndex: replaced below by wider ones (dropped before the backfill, so it maintains two indexes fewer)
DROP INDEX "leads_organization_id_created_at_idx";

-- DropIndex
DROP INDEX "leads_organization_id_mql_at_idx";

-- DropIndex: replaced below by one that also holds account_first (the triggers find an account's flagged leads
-- in the index)
DROP INDEX "leads_organization_id_account_key_created_at_id_idx";

-- AlterTable
ALTER TABLE "leads" ADD COLUMN "first_activity_at" TIMESTAMPTZ(3),
ADD COLUMN "account_first" BOOLEAN NOT NULL DEFAULT false;

-- The first activity of each lead in lead_ids (an index-only probe on activities (lead_id, occurred_at,
-- organization_id); "+ 0" keeps the organisation check a filter on the index tuple: as a plain column the planner,
-- on estimates of 1 row, ANDed a bitmap of all the organisation's activities into each probe).
CREATE FUNCTION lead_facts_refresh_first_activity(lead_ids INTEGER[]) RETURNS void LANGUAGE sql AS $$
  UPDATE leads l SET first_activity_at = f.first_at
  FROM (
    SELECT t.id, (
      SELECT a.occurred_at FROM activities a
      WHERE a.lead_id = t.id AND a.organization_id + 0 = t.organization_id AND a.occurred_at >= t.created_at
      ORDER BY a.occurred_at LIMIT 1
    ) AS first_at
    FROM leads t WHERE t.id = ANY (lead_ids)
  ) f
  WHERE l.id = f.id AND l.first_activity_at IS DISTINCT FROM f.first_at
$$;

-- account_first of every lead of the accounts (org_ids[i], account_keys[i]), and of the leads in lead_ids that
-- have no account key any more. Per account, only the first lead and the flagged leads are touched.
CREATE FUNCTION lead_facts_refresh_account_first(org_ids INTEGER[], account_keys TEXT[], lead_ids INTEGER[])
RETURNS void LANGUAGE sql AS $$
  WITH k AS (
    SELECT DISTINCT u.organization_id, u.account_key FROM unnest(org_ids, account_keys) AS u(organization_id, account_key)
    WHERE u.account_key IS NOT NULL
  ),
  f AS (
    SELECT k.organization_id, k.account_key, (
      SELECT e.id FROM leads e WHERE e.organization_id = k.organization_id AND e.account_key = k.account_key
      ORDER BY e.created_at, e.id LIMIT 1
    ) AS first_id
    FROM k
  ),
  wrong AS (
    SELECT e.id FROM f JOIN leads e
      ON e.organization_id = f.organization_id AND e.account_key = f.account_key AND e.account_first AND e.id <> f.first_id
    UNION
    SELECT e.id FROM f JOIN leads e ON e.id = f.first_id AND NOT e.account_first
    UNION
    SELECT e.id FROM leads e WHERE e.id = ANY (lead_ids) AND e.account_key IS NULL AND e.account_first
  )
  UPDATE leads l SET account_first = NOT l.account_first FROM wrong w WHERE l.id = w.id
$$;

-- Statement-level triggers; transition tables `changed` (new rows of INSERT/UPDATE, old rows of DELETE) and
-- `changed_before` (old rows of UPDATE), as the kpi_data_* triggers.
CREATE FUNCTION lead_facts_activities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Only rows whose lead, time or organisation changed (an edit of the notes moves no first activity).
    PERFORM lead_facts_refresh_first_activity(ARRAY(
      SELECT x.lead_id FROM changed n JOIN changed_before o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.lead_id), (o.lead_id)) AS x(lead_id)
      WHERE x.lead_id IS NOT NULL AND (n.lead_id IS DISTINCT FROM o.lead_id OR n.occurred_at <> o.occurred_at
        OR n.organization_id <> o.organization_id)
      UNION
      -- a changed id (never done by the application) is an insert and a delete
      SELECT n.lead_id FROM changed n WHERE n.lead_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM changed_before o WHERE o.id = n.id)
      UNION
      SELECT o.lead_id FROM changed_before o WHERE o.lead_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM changed n WHERE n.id = o.id)));
  ELSE
    PERFORM lead_facts_refresh_first_activity(ARRAY(SELECT DISTINCT lead_id FROM changed WHERE lead_id IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION lead_facts_activities_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE leads SET first_activity_at = NULL WHERE first_activity_at IS NOT NULL;
  RETURN NULL;
END
$$;

CREATE FUNCTION lead_facts_leads_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids INTEGER[];
  org_ids INTEGER[];
  account_keys TEXT[];
  timed_ids INTEGER[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new lead has no activity yet (the foreign key) unless one was written in the same statement, or the value
    -- was given: recompute only those.
    PERFORM lead_facts_refresh_first_activity(ARRAY(
      SELECT c.id FROM changed c
      WHERE c.first_activity_at IS NOT NULL OR EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = c.id)));
    SELECT array_agg(c.organization_id), array_agg(c.account_key), array_agg(c.id) FILTER (WHERE c.account_key IS NULL)
    INTO org_ids, account_keys, ids
    FROM changed c WHERE c.account_key IS NOT NULL OR c.account_first;
    PERFORM lead_facts_refresh_account_first(org_ids, account_keys, coalesce(ids, '{}'));
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only rows whose inputs changed, old and new side: the triggers' own updates of the two facts end here.
    SELECT array_agg(x.id), array_agg(x.organization_id), array_agg(x.account_key), array_agg(x.id) FILTER (WHERE t.timed)
    INTO ids, org_ids, account_keys, timed_ids
    FROM changed n JOIN changed_before o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.id, n.organization_id, n.account_key), (o.id, o.organization_id, o.account_key))
        AS x(id, organization_id, account_key)
      CROSS JOIN LATERAL (SELECT n.created_at <> o.created_at OR n.organization_id <> o.organization_id) AS t(timed)
    WHERE t.timed OR n.account_key IS DISTINCT FROM o.account_key;
    IF ids IS NOT NULL THEN
      PERFORM lead_facts_refresh_first_activity(coalesce(timed_ids, '{}'));
      PERFORM lead_facts_refresh_account_first(org_ids, account_keys, ids);
    END IF;
  ELSE
    -- Deleting an account's first lead makes the next one first; deleting any other lead changes no fact.
    SELECT array_agg(c.organization_id), array_agg(c.account_key) INTO org_ids, account_keys
    FROM changed c WHERE c.account_first;
    IF org_ids IS NOT NULL THEN
      PERFORM lead_facts_refresh_account_first(org_ids, account_keys, '{}');
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- Backfill before the triggers exist (they would only find that no input changed), set-based (a sort of the leads
-- for the account order, a hash join with activities for the first one), the same definitions as the functions;
-- only leads with a non-default fact get a new row version. leads is locked by the ALTER TABLE; activities is
-- locked against writes until the triggers are in place.
LOCK TABLE activities IN SHARE MODE;

UPDATE leads t SET first_activity_at = f.first_at, account_first = w.is_first
FROM (
  SELECT l.id, l.account_key IS NOT NULL
           AND row_number() OVER (PARTITION BY l.organization_id, l.account_key ORDER BY l.created_at, l.id) = 1 AS is_first
  FROM leads l
) w
LEFT JOIN (
  SELECT a.lead_id, min(a.occurred_at) AS first_at
  FROM activities a JOIN leads l ON l.id = a.lead_id
  WHERE a.organization_id = l.organization_id AND a.occurred_at >= l.created_at
  GROUP BY a.lead_id
) f ON f.lead_id = w.id
WHERE t.id = w.id AND (f.first_at IS NOT NULL OR w.is_first);

-- CreateIndex: the organisation's leads group reads only the index (created, converted, channel, facts)
CREATE INDEX "leads_organization_id_created_at_facts_idx" ON "leads"("organization_id", "created_at", "channel", "opportunity_at", "first_activity_at", "account_first");

-- CreateIndex: the organisation's MQL cohort and its conversion from the index
CREATE INDEX "leads_organization_id_mql_at_sql_at_idx" ON "leads"("organization_id", "mql_at", "sql_at");

-- CreateIndex: an account's first lead ((created_at, id) order) and its flagged leads, index-only
CREATE INDEX "leads_organization_id_account_key_created_at_id_first_idx" ON "leads"("organization_id", "account_key", "created_at", "id", "account_first");

-- Named after kpi_data_* so they fire after them (same event: alphabetical order) and so after the organisation's
-- version row is locked. UPDATE triggers fire for any column list: the functions look at what changed.
CREATE TRIGGER lead_facts_inserted AFTER INSERT ON activities REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION lead_facts_activities_changed();
CREATE TRIGGER lead_facts_updated AFTER UPDATE ON activities REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION lead_facts_activities_changed();
CREATE TRIGGER lead_facts_deleted AFTER DELETE ON activities REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION lead_facts_activities_changed();
CREATE TRIGGER lead_facts_truncated AFTER TRUNCATE ON activities
  FOR EACH STATEMENT EXECUTE FUNCTION lead_facts_activities_truncated();
CREATE TRIGGER lead_facts_inserted AFTER INSERT ON leads REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION lead_facts_leads_changed();
CREATE TRIGGER lead_facts_updated AFTER UPDATE ON leads REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION lead_facts_leads_changed();
CREATE TRIGGER lead_facts_deleted AFTER DELETE ON leads REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION lead_facts_leads_changed();
-- (TRUNCATE leads leaves no lead to hold a fact.)


-- CSV imports at 20,000 rows/s into the 1 M-deal organisation (issue 19; docs/decisions/0043-lead-facts-in-side-tables.md).
-- EXPLAIN ANALYZE of one 5,000-row import statement on the benchmark database showed where PostgreSQL's time went:
--   * An activity on a new lead cost five times its own insert: the lead-facts trigger then set
--     leads.first_activity_at, a column of three covering indexes, so the UPDATE wrote a new entry in every one of
--     the thirteen indexes of leads (53 of 96 µs per activity).
--   * A lead that is its account's first was flagged by a second UPDATE of leads, the same thirteen entries again
--     (a file of new accounts: 110 µs per lead instead of 47).
--   * Every lead wrote thirteen index entries, though six of those indexes hold MQL and SQL dates that a new lead
--     rarely has yet, and one a customer it rarely has.
-- Now the two derived facts live in narrow side tables of their own, kept by the same statement triggers, and leads
-- are never updated for them:
--   * lead_responses: a lead's first activity at or after its creation, one row per lead that got one.
--   * lead_accounts: an account's first lead (earliest created_at, ties: lowest id), one row per account.
-- Each carries its lead's organisation, team, owner and created_at, so that a scope's figures read its covering
-- indexes only, as they read leads' before. Writing a response or a new account writes four index entries. An
-- insert no longer probes for the facts: a new activity can only move its lead's first activity earlier, a new lead
-- its account's first lead, so the new fact is the earlier of the stored one and the statement's earliest. The side
-- tables have no foreign key to leads (its check was 4 µs of every response written): the triggers remove a
-- deleted lead's rows, as they write them.
-- The MQL / SQL / customer indexes of leads, and the lead / deal / customer indexes of activities and the customer
-- index of deals, become partial (WHERE the column IS NOT NULL): every query that reads them names a value or a
-- range of it, which PostgreSQL proves implies IS NOT NULL, so rows without one cost those indexes nothing. As in
-- 20261126010000, the predicates live here only (schema.prisma cannot state them; the drift test compares columns).

-- CreateTable
CREATE TABLE "lead_responses" (
    "lead_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "team_id" INTEGER,
    "owner_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "first_activity_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_responses_pkey" PRIMARY KEY ("lead_id")
);

-- CreateTable
CREATE TABLE "lead_accounts" (
    "organization_id" INTEGER NOT NULL,
    "account_key" TEXT NOT NULL,
    "lead_id" INTEGER NOT NULL,
    "team_id" INTEGER,
    "owner_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_accounts_pkey" PRIMARY KEY ("organization_id","account_key")
);

-- The facts as they stand (the triggers below keep them from here on).
INSERT INTO "lead_responses" ("lead_id", "organization_id", "team_id", "owner_id", "created_at", "first_activity_at")
SELECT "id", "organization_id", "team_id", "owner_id", "created_at", "first_activity_at" FROM "leads"
WHERE "first_activity_at" IS NOT NULL;
INSERT INTO "lead_accounts" ("organization_id", "account_key", "lead_id", "team_id", "owner_id", "created_at")
SELECT "organization_id", "account_key", "id", "team_id", "owner_id", "created_at" FROM "leads"
WHERE "account_first" AND "account_key" IS NOT NULL;

-- CreateIndex: the leads group's response and new-account figures, index-only per organisation, team and rep.
CREATE INDEX "lead_responses_organization_id_created_at_idx" ON "lead_responses"("organization_id", "created_at", "first_activity_at");
CREATE INDEX "lead_responses_team_id_created_at_idx" ON "lead_responses"("team_id", "created_at", "first_activity_at", "organization_id");
CREATE INDEX "lead_responses_owner_id_created_at_idx" ON "lead_responses"("owner_id", "created_at", "first_activity_at", "organization_id");
CREATE INDEX "lead_accounts_organization_id_created_at_idx" ON "lead_accounts"("organization_id", "created_at");
CREATE INDEX "lead_accounts_team_id_created_at_organization_id_idx" ON "lead_accounts"("team_id", "created_at", "organization_id");
CREATE INDEX "lead_accounts_owner_id_created_at_organization_id_idx" ON "lead_accounts"("owner_id", "created_at", "organization_id");

-- The indexes of leads without the two fact columns (same names), then the columns.
DROP INDEX "leads_organization_id_created_at_facts_idx";
DROP INDEX "leads_team_id_created_at_facts_idx";
DROP INDEX "leads_owner_id_created_at_facts_idx";
DROP INDEX "leads_organization_id_account_key_created_at_id_first_idx";
ALTER TABLE "leads" DROP COLUMN "first_activity_at", DROP COLUMN "account_first";
CREATE INDEX "leads_organization_id_created_at_facts_idx" ON "leads"("organization_id", "created_at", "channel", "opportunity_at");
CREATE INDEX "leads_team_id_created_at_facts_idx" ON "leads"("team_id", "created_at", "channel", "opportunity_at", "organization_id");
CREATE INDEX "leads_owner_id_created_at_facts_idx" ON "leads"("owner_id", "created_at", "channel", "opportunity_at", "organization_id");
-- An account's first lead, (created_at, id) order (lead_facts_refresh_accounts).
CREATE INDEX "leads_organization_id_account_key_created_at_id_idx" ON "leads"("organization_id", "account_key", "created_at", "id");

-- Partial: a row without the value costs the index nothing.
DROP INDEX "leads_organization_id_mql_at_sql_at_idx";
DROP INDEX "leads_team_id_mql_at_sql_at_organization_id_idx";
DROP INDEX "leads_owner_id_mql_at_sql_at_organization_id_idx";
DROP INDEX "leads_organization_id_sql_at_idx";
DROP INDEX "leads_team_id_sql_at_organization_id_idx";
DROP INDEX "leads_owner_id_sql_at_organization_id_idx";
DROP INDEX "leads_customer_id_idx";
CREATE INDEX "leads_organization_id_mql_at_sql_at_idx" ON "leads"("organization_id", "mql_at", "sql_at") WHERE "mql_at" IS NOT NULL;
CREATE INDEX "leads_team_id_mql_at_sql_at_organization_id_idx" ON "leads"("team_id", "mql_at", "sql_at", "organization_id") WHERE "mql_at" IS NOT NULL;
CREATE INDEX "leads_owner_id_mql_at_sql_at_organization_id_idx" ON "leads"("owner_id", "mql_at", "sql_at", "organization_id") WHERE "mql_at" IS NOT NULL;
CREATE INDEX "leads_organization_id_sql_at_idx" ON "leads"("organization_id", "sql_at") WHERE "sql_at" IS NOT NULL;
CREATE INDEX "leads_team_id_sql_at_organization_id_idx" ON "leads"("team_id", "sql_at", "organization_id") WHERE "sql_at" IS NOT NULL;
CREATE INDEX "leads_owner_id_sql_at_organization_id_idx" ON "leads"("owner_id", "sql_at", "organization_id") WHERE "sql_at" IS NOT NULL;
CREATE INDEX "leads_customer_id_idx" ON "leads"("customer_id") WHERE "customer_id" IS NOT NULL;
DROP INDEX "activities_lead_id_occurred_at_organization_id_idx";
DROP INDEX "activities_deal_id_idx";
DROP INDEX "activities_customer_id_idx";
CREATE INDEX "activities_lead_id_occurred_at_organization_id_idx" ON "activities"("lead_id", "occurred_at", "organization_id") WHERE "lead_id" IS NOT NULL;
CREATE INDEX "activities_deal_id_idx" ON "activities"("deal_id") WHERE "deal_id" IS NOT NULL;
CREATE INDEX "activities_customer_id_idx" ON "activities"("customer_id") WHERE "customer_id" IS NOT NULL;
DROP INDEX "deals_customer_id_status_closed_at_id_organization_id_idx";
CREATE INDEX "deals_customer_id_status_closed_at_id_organization_id_idx" ON "deals"("customer_id", "status", "closed_at", "id", "organization_id") WHERE "customer_id" IS NOT NULL;

-- The first activity of each lead in lead_ids (an index-only probe on activities (lead_id, occurred_at,
-- organization_id); "+ 0" keeps the organisation check a filter on the index tuple, 20261126020000), with the lead's
-- organisation, team, owner and created_at: a row for each lead that has one, none for the others. Rows that are
-- already right are not written again. lead_ids may name deleted leads: their rows are deleted here.
CREATE OR REPLACE FUNCTION lead_facts_refresh_first_activity(lead_ids INTEGER[]) RETURNS void LANGUAGE sql AS $$
  WITH f AS (
    SELECT t.id, t.organization_id, t.team_id, t.owner_id, t.created_at, (
      SELECT a.occurred_at FROM activities a
      WHERE a.lead_id = t.id AND a.organization_id + 0 = t.organization_id AND a.occurred_at >= t.created_at
      ORDER BY a.occurred_at LIMIT 1
    ) AS first_at
    FROM leads t WHERE t.id = ANY (lead_ids)
  ),
  gone AS (
    DELETE FROM lead_responses r
    WHERE r.lead_id = ANY (lead_ids) AND NOT EXISTS (SELECT 1 FROM f WHERE f.id = r.lead_id AND f.first_at IS NOT NULL)
  )
  INSERT INTO lead_responses AS r (lead_id, organization_id, team_id, owner_id, created_at, first_activity_at)
  SELECT f.id, f.organization_id, f.team_id, f.owner_id, f.created_at, f.first_at FROM f WHERE f.first_at IS NOT NULL
  ON CONFLICT (lead_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, team_id = EXCLUDED.team_id,
    owner_id = EXCLUDED.owner_id, created_at = EXCLUDED.created_at, first_activity_at = EXCLUDED.first_activity_at
  WHERE (r.organization_id, r.team_id, r.owner_id, r.created_at, r.first_activity_at)
        IS DISTINCT FROM (EXCLUDED.organization_id, EXCLUDED.team_id, EXCLUDED.owner_id, EXCLUDED.created_at, EXCLUDED.first_activity_at)
$$;

-- The first lead of each account (org_ids[i], account_keys[i]) found afresh (one index probe each), with its
-- organisation, team, owner and created_at; an account without leads has no row. Rows already right stay as they are.
CREATE FUNCTION lead_facts_refresh_accounts(org_ids INTEGER[], account_keys TEXT[]) RETURNS void LANGUAGE sql AS $$
  WITH k AS (
    SELECT DISTINCT u.organization_id, u.account_key FROM unnest(org_ids, account_keys) AS u(organization_id, account_key)
    WHERE u.account_key IS NOT NULL
  ),
  f AS (
    SELECT k.organization_id, k.account_key, e.id, e.team_id, e.owner_id, e.created_at
    FROM k LEFT JOIN LATERAL (
      SELECT e.id, e.team_id, e.owner_id, e.created_at FROM leads e
      WHERE e.organization_id = k.organization_id AND e.account_key = k.account_key
      ORDER BY e.created_at, e.id LIMIT 1
    ) e ON true
  ),
  gone AS (
    DELETE FROM lead_accounts a USING f
    WHERE a.organization_id = f.organization_id AND a.account_key = f.account_key AND f.id IS NULL
  )
  INSERT INTO lead_accounts AS a (organization_id, account_key, lead_id, team_id, owner_id, created_at)
  SELECT f.organization_id, f.account_key, f.id, f.team_id, f.owner_id, f.created_at FROM f WHERE f.id IS NOT NULL
  ON CONFLICT (organization_id, account_key) DO UPDATE SET lead_id = EXCLUDED.lead_id, team_id = EXCLUDED.team_id,
    owner_id = EXCLUDED.owner_id, created_at = EXCLUDED.created_at
  WHERE (a.lead_id, a.team_id, a.owner_id, a.created_at)
        IS DISTINCT FROM (EXCLUDED.lead_id, EXCLUDED.team_id, EXCLUDED.owner_id, EXCLUDED.created_at)
$$;

DROP FUNCTION lead_facts_refresh_account_first(INTEGER[], TEXT[], INTEGER[]);

CREATE OR REPLACE FUNCTION lead_facts_activities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- New activities can only move a lead's first activity earlier: the earlier of the stored one and the
    -- statement's earliest activity of the lead at or after its creation, in its organisation. A concurrent writer
    -- of the same lead's row is waited for by the primary key, then compared with.
    INSERT INTO lead_responses AS r (lead_id, organization_id, team_id, owner_id, created_at, first_activity_at)
    SELECT l.id, l.organization_id, l.team_id, l.owner_id, l.created_at, min(c.occurred_at)
    FROM changed c JOIN leads l ON l.id = c.lead_id AND l.organization_id = c.organization_id AND c.occurred_at >= l.created_at
    GROUP BY l.id
    ON CONFLICT (lead_id) DO UPDATE SET first_activity_at = EXCLUDED.first_activity_at
    WHERE EXCLUDED.first_activity_at < r.first_activity_at;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only rows whose lead, time or organisation changed (an edit of the notes moves no first activity).
    PERFORM lead_facts_refresh_first_activity(ARRAY(
      SELECT DISTINCT v.lead_id FROM (
        SELECT u.lead_id, count(*) OVER (PARTITION BY u.id) AS versions
        FROM (SELECT id, lead_id, occurred_at, organization_id FROM changed
              UNION SELECT id, lead_id, occurred_at, organization_id FROM changed_before) u
      ) v
      WHERE v.versions > 1 AND v.lead_id IS NOT NULL));
  ELSE
    PERFORM lead_facts_refresh_first_activity(ARRAY(SELECT DISTINCT lead_id FROM changed WHERE lead_id IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION lead_facts_activities_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lead_responses;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION lead_facts_leads_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids INTEGER[];
  org_ids INTEGER[];
  account_keys TEXT[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new lead has no activity yet: an activity needs its lead to exist (the foreign key), and one written in the
    -- same statement is found by the activities' trigger. An account's first lead is the earlier of its stored first lead and the statement's earliest lead of it: no
    -- probe of leads. A concurrent writer of the same account is waited for by the unique key, then compared with.
    INSERT INTO lead_accounts AS a (organization_id, account_key, lead_id, team_id, owner_id, created_at)
    SELECT DISTINCT ON (c.organization_id, c.account_key)
           c.organization_id, c.account_key, c.id, c.team_id, c.owner_id, c.created_at
    FROM changed c WHERE c.account_key IS NOT NULL
    ORDER BY c.organization_id, c.account_key, c.created_at, c.id
    ON CONFLICT (organization_id, account_key) DO UPDATE SET lead_id = EXCLUDED.lead_id, team_id = EXCLUDED.team_id,
      owner_id = EXCLUDED.owner_id, created_at = EXCLUDED.created_at
    WHERE (EXCLUDED.created_at, EXCLUDED.lead_id) < (a.created_at, a.lead_id);
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only rows whose inputs changed (account, time, organisation, team, owner), old and new side.
    SELECT array_agg(DISTINCT v.id), array_agg(v.organization_id), array_agg(v.account_key)
    INTO ids, org_ids, account_keys
    FROM (
      SELECT u.id, u.organization_id, u.account_key, count(*) OVER (PARTITION BY u.id) AS versions
      FROM (SELECT id, organization_id, account_key, created_at, team_id, owner_id FROM changed
            UNION SELECT id, organization_id, account_key, created_at, team_id, owner_id FROM changed_before) u
    ) v
    WHERE v.versions > 1;
    IF ids IS NOT NULL THEN
      PERFORM lead_facts_refresh_first_activity(ids);
      PERFORM lead_facts_refresh_accounts(org_ids, account_keys);
    END IF;
  ELSE
    -- An account whose first lead it was gets its next one, or none. (A deleted lead's response goes through its
    -- activities: the foreign key sets their lead_id to NULL, and the activities' trigger then finds no first
    -- activity for it and deletes the row.)
    SELECT array_agg(c.organization_id), array_agg(c.account_key) INTO org_ids, account_keys
    FROM changed c WHERE c.account_key IS NOT NULL;
    IF org_ids IS NOT NULL THEN
      PERFORM lead_facts_refresh_accounts(org_ids, account_keys);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- TRUNCATE leads: no lead, no account. (It must cascade to activities, whose truncate trigger empties
-- lead_responses.)
CREATE FUNCTION lead_facts_leads_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lead_accounts;
  RETURN NULL;
END
$$;
CREATE TRIGGER lead_facts_truncated AFTER TRUNCATE ON leads FOR EACH STATEMENT EXECUTE FUNCTION lead_facts_leads_truncated();

-- The bulk loaders' set-based recomputation (20261209010000), now of the side tables.
CREATE OR REPLACE FUNCTION lead_facts_rebuild() RETURNS void LANGUAGE sql AS $$
  WITH f AS (
    SELECT l.id, l.organization_id, l.team_id, l.owner_id, l.created_at, min(a.occurred_at) AS first_at
    FROM activities a JOIN leads l ON l.id = a.lead_id
    WHERE a.organization_id = l.organization_id AND a.occurred_at >= l.created_at
    GROUP BY l.id
  ),
  gone AS (
    DELETE FROM lead_responses r WHERE NOT EXISTS (SELECT 1 FROM f WHERE f.id = r.lead_id)
  )
  INSERT INTO lead_responses AS r (lead_id, organization_id, team_id, owner_id, created_at, first_activity_at)
  SELECT f.id, f.organization_id, f.team_id, f.owner_id, f.created_at, f.first_at FROM f
  ON CONFLICT (lead_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, team_id = EXCLUDED.team_id,
    owner_id = EXCLUDED.owner_id, created_at = EXCLUDED.created_at, first_activity_at = EXCLUDED.first_activity_at
  WHERE (r.organization_id, r.team_id, r.owner_id, r.created_at, r.first_activity_at)
        IS DISTINCT FROM (EXCLUDED.organization_id, EXCLUDED.team_id, EXCLUDED.owner_id, EXCLUDED.created_at, EXCLUDED.first_activity_at);
  WITH f AS (
    SELECT DISTINCT ON (l.organization_id, l.account_key) l.organization_id, l.account_key, l.id, l.team_id, l.owner_id, l.created_at
    FROM leads l WHERE l.account_key IS NOT NULL
    ORDER BY l.organization_id, l.account_key, l.created_at, l.id
  ),
  gone AS (
    DELETE FROM lead_accounts a
    WHERE NOT EXISTS (SELECT 1 FROM f WHERE f.organization_id = a.organization_id AND f.account_key = a.account_key)
  )
  INSERT INTO lead_accounts AS a (organization_id, account_key, lead_id, team_id, owner_id, created_at)
  SELECT f.organization_id, f.account_key, f.id, f.team_id, f.owner_id, f.created_at FROM f
  ON CONFLICT (organization_id, account_key) DO UPDATE SET lead_id = EXCLUDED.lead_id, team_id = EXCLUDED.team_id,
    owner_id = EXCLUDED.owner_id, created_at = EXCLUDED.created_at
  WHERE (a.lead_id, a.team_id, a.owner_id, a.created_at)
        IS DISTINCT FROM (EXCLUDED.lead_id, EXCLUDED.team_id, EXCLUDED.owner_id, EXCLUDED.created_at);
$$;

-- kpi_data_changed (20261209020000) with lead_responses and lead_accounts among the time tables: a response and a
-- new account count in the spans of their lead's created_at, the row's earliest time column. Unchanged otherwise.
CREATE OR REPLACE FUNCTION kpi_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  reach TIMESTAMPTZ;
  watched TEXT;
  times TEXT;
  moved BOOLEAN := false;
BEGIN
  IF TG_TABLE_NAME IN ('targets', 'thresholds', 'focus_areas', 'regions') THEN
    reach := 'infinity';
  ELSIF TG_TABLE_NAME IN ('activities', 'deals', 'leads', 'lead_responses', 'lead_accounts', 'costs', 'survey_responses', 'customers', 'users', 'teams') THEN
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

-- The answers read both tables: their writes bump the data version, reaching from the lead's created_at.
DO $$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['lead_responses', 'lead_accounts'] LOOP
    EXECUTE format('CREATE TRIGGER kpi_data_inserted AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
                   'FOR EACH STATEMENT EXECUTE FUNCTION kpi_data_changed()', t);
    EXECUTE format('CREATE TRIGGER kpi_data_updated AFTER UPDATE ON %I REFERENCING OLD TABLE AS changed_before '
                   'NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION kpi_data_changed()', t);
    EXECUTE format('CREATE TRIGGER kpi_data_deleted AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
                   'FOR EACH STATEMENT EXECUTE FUNCTION kpi_data_changed()', t);
    EXECUTE format('CREATE TRIGGER kpi_data_truncated AFTER TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION kpi_data_truncated()', t);
  END LOOP;
END
$$;

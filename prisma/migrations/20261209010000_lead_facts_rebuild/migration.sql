-- The lead facts of every lead recomputed in one set-based statement: the backfill of 20261126020000_lead_facts as a
-- function. A bulk loader (the demo and benchmark data, bench/build-db.ts) disables the lead_facts_* triggers while
-- it inserts millions of rows into tables without their plain indexes, where every statement's per-lead probe would
-- scan the whole table, and calls this once at the end (issue 19: 45 k leads in 12 minutes with the triggers, the
-- whole database in minutes without). Same definitions as lead_facts_refresh_first_activity and
-- lead_facts_refresh_account_first; only rows whose facts change get a new row version.
CREATE FUNCTION lead_facts_rebuild() RETURNS void LANGUAGE sql AS $$
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
  WHERE t.id = w.id AND (t.first_activity_at IS DISTINCT FROM f.first_at OR t.account_first <> w.is_first)
$$;

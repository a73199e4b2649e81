-- The lead facts triggers (20261126020000_lead_facts) found the UPDATEd rows whose inputs changed by joining the
-- two transition tables on id. The planner estimates a transition table at one row, so that became a nested loop:
-- 25 M comparisons for a 5000-row statement (8 s), paid by every import statement through the facts' own update of
-- leads. Rows whose inputs changed are now found without a join: the union of the old and new input tuples, with
-- two versions per id when one changed (a window over a sort). A row whose id changed is not looked at (the
-- application never changes ids).

CREATE OR REPLACE FUNCTION lead_facts_activities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
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

CREATE OR REPLACE FUNCTION lead_facts_leads_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
    SELECT array_agg(v.id), array_agg(v.organization_id), array_agg(v.account_key),
           array_agg(v.id) FILTER (WHERE v.timed)
    INTO ids, org_ids, account_keys, timed_ids
    FROM (
      SELECT u.id, u.organization_id, u.account_key, count(*) OVER w AS versions,
             min(u.created_at) OVER w <> max(u.created_at) OVER w
               OR min(u.organization_id) OVER w <> max(u.organization_id) OVER w AS timed
      FROM (SELECT id, organization_id, account_key, created_at FROM changed
            UNION SELECT id, organization_id, account_key, created_at FROM changed_before) u
      WINDOW w AS (PARTITION BY u.id)
    ) v
    WHERE v.versions > 1;
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

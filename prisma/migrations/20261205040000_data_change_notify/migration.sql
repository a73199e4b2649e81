-- One change notification for every replica: the data-version bump that every writer's transaction already runs
-- (migration 20261125030000) now also NOTIFYs channel `kpi_data_changed` with the organisation id. PostgreSQL
-- sends it at commit (never for a rolled-back write) and folds duplicates within one transaction, so an import of
-- many statements is one notice per organisation. Each API process LISTENs once (apps/api/src/alerts/data-changes.ts).
CREATE OR REPLACE FUNCTION kpi_bump_data_versions(org_ids INTEGER[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO kpi_data_versions AS v (organization_id, version, changed_at)
  SELECT o.id, 1, now() FROM organizations o WHERE o.id = ANY (org_ids) ORDER BY o.id
  ON CONFLICT (organization_id) DO UPDATE SET version = v.version + 1, changed_at = now();
  SELECT pg_notify('kpi_data_changed', o.id::text) FROM organizations o WHERE o.id = ANY (org_ids);
$$;

-- A detection that took d keeps the organisation's next one waiting until rest_until (alerts/scheduler.ts,
-- restFactor); in the database so that every replica's worker respects it.
ALTER TABLE "alert_detections" ADD COLUMN "rest_until" TIMESTAMPTZ(3);

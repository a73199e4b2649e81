-- Our triggers fire whatever the session's replication role (decision 44). An import writes its batches with
-- session_replication_role = replica, so that PostgreSQL skips its per-row foreign-key triggers: the import checks
-- each batch's references itself, one statement per foreign key, holding the same locks (apps/api/src/csv/
-- foreign-keys.db.ts). Under that role a trigger fires only when it is ENABLE ALWAYS; the answers' data versions
-- (kpi_data_*) and the lead facts (lead_facts_*) must follow every write, so every trigger of ours becomes ALWAYS.
-- A trigger added later must be created ALWAYS too: until it is, imports keep PostgreSQL's own per-row checks
-- (foreign-keys.db.ts looks), and a test names it (foreign-keys.db.test.ts).
DO $$
DECLARE
  t RECORD;
BEGIN
  FOR t IN
    SELECT c.relname AS table_name, g.tgname AS trigger_name
    FROM pg_trigger g
    JOIN pg_class c ON c.oid = g.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT g.tgisinternal AND n.nspname = current_schema() AND g.tgenabled = 'O'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t.table_name, t.trigger_name);
  END LOOP;
END
$$;

-- Issue 18 (docs/decisions/0036-bilingual-admin-texts-and-glossary.md).
-- Action points are written in English and in Dutch; a reader sees their language, else the other one.
-- The existing columns hold the English texts, the new ones the Dutch texts.
ALTER TABLE "thresholds" ADD COLUMN "green_actions_nl" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "thresholds" ADD COLUMN "orange_actions_nl" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "thresholds" ADD COLUMN "red_actions_nl" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- The texts written so far are in the organisation's language. There is no organisation setting for it, so it is
-- the language most of its people chose (ties: English). An organisation that reads Dutch gets its texts moved to
-- the Dutch columns; the English ones become empty, so English readers fall back to them.
WITH dutch AS (
  SELECT "organization_id"
  FROM "users"
  GROUP BY "organization_id"
  HAVING COUNT(*) FILTER (WHERE "locale" = 'nl') > COUNT(*) FILTER (WHERE "locale" <> 'nl')
)
UPDATE "thresholds" t
SET "green_actions_nl" = t."green_actions", "orange_actions_nl" = t."orange_actions", "red_actions_nl" = t."red_actions",
    "green_actions" = ARRAY[]::TEXT[], "orange_actions" = ARRAY[]::TEXT[], "red_actions" = ARRAY[]::TEXT[]
FROM dutch
WHERE t."organization_id" = dutch."organization_id";

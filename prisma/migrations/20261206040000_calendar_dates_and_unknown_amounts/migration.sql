-- Issue 17 (docs/decisions/0029-calendar-dates-and-unknown-amounts.md).
-- A blank amount or cost is unknown, never 0: an open (or lost) deal may have no amount yet, any deal may have no
-- known cost. A won deal is revenue, so it needs its amount (the API and the import say so first, naming the field).
ALTER TABLE "deals" ALTER COLUMN "amount" DROP NOT NULL;
ALTER TABLE "deals" ALTER COLUMN "cost" DROP NOT NULL;
ALTER TABLE "deals" ALTER COLUMN "cost" DROP DEFAULT;
ALTER TABLE "deals" ADD CONSTRAINT "deals_won_amount_known" CHECK ("status" <> 'WON' OR "amount" IS NOT NULL);

-- The instant columns of a row that were given as a bare date ("2026-03-15"): stored as local midnight in the
-- organisation's zone, re-anchored to the same calendar day when that zone changes. Column names, e.g. {closed_at}.
ALTER TABLE "leads" ADD COLUMN "calendar_fields" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "deals" ADD COLUMN "calendar_fields" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "customers" ADD COLUMN "calendar_fields" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "activities" ADD COLUMN "calendar_fields" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "survey_responses" ADD COLUMN "calendar_fields" TEXT[] DEFAULT ARRAY[]::TEXT[];

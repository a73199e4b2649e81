-- deals.lead_id and deals.product_id are indexed for the foreign keys' ON DELETE SET NULL (deleting a lead or a
-- product finds its deals with `lead_id = $1`); no KPI statement reads deals through them. A deal without a lead
-- or product has nothing to find, so those rows are left out: every insert of such a deal (most CSV imports) now
-- maintains two indexes fewer. `lead_id = $1` implies `lead_id IS NOT NULL`, so the same lookups use them.

-- DropIndex
DROP INDEX "deals_lead_id_idx";

-- DropIndex
DROP INDEX "deals_product_id_idx";

-- CreateIndex
CREATE INDEX "deals_lead_id_idx" ON "deals"("lead_id") WHERE "lead_id" IS NOT NULL;

-- CreateIndex
CREATE INDEX "deals_product_id_idx" ON "deals"("product_id") WHERE "product_id" IS NOT NULL;

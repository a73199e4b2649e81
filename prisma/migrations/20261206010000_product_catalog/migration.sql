-- Products as an organisation keeps them (issue 17): a list price, a version for edits, and aliases — the other
-- spellings a CRM export uses for the same product ("GTXPro" for "GTX Pro"), which an import resolves too.
ALTER TABLE "products" ADD COLUMN "list_price" DECIMAL(14,2);
ALTER TABLE "products" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "product_aliases" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "product_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,

    CONSTRAINT "product_aliases_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "product_aliases_organization_id_alias_key" ON "product_aliases"("organization_id", "alias");
CREATE INDEX "product_aliases_product_id_idx" ON "product_aliases"("product_id");

ALTER TABLE "product_aliases" ADD CONSTRAINT "product_aliases_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "product_aliases" ADD CONSTRAINT "product_aliases_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

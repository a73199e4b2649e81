-- Saved import mappings (issue 17): the mapping an admin built for a source ("Maven CRM", "HubSpot"), kept per
-- organisation, entity and source so the next file from there imports without mapping it again.
CREATE TABLE "import_mappings" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "entity" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" INTEGER,

    CONSTRAINT "import_mappings_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "import_mappings_organization_id_entity_source_key" ON "import_mappings"("organization_id", "entity", "source");

ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

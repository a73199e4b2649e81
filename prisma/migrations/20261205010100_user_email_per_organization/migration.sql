-- F11: emails are unique per organisation, not across all of them, so creating a user cannot reveal that an email
-- has an account in another organisation (docs/decisions/0012-f11-emails-unique-per-organisation.md). Sign-in
-- looks accounts up by email alone, hence the plain index.

-- DropIndex
DROP INDEX "users_email_key";

-- CreateIndex
CREATE UNIQUE INDEX "users_organization_id_email_key" ON "users"("organization_id", "email");

-- CreateIndex
CREATE INDEX "users_email_idx" ON "users"("email");

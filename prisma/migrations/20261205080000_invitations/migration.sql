-- Invitations (apps/api/src/routes/invitations, docs/decisions/0024): a person invited by e-mail becomes a user
-- only when they accept with a password. The link's token is stored as its sha256 only.
CREATE TABLE "invitations" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "team_id" INTEGER,
    "locale" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "user_id" INTEGER,
    "revoked_at" TIMESTAMPTZ(3),
    "mail_message_id" BIGINT,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- One open invitation per email and organisation: re-inviting replaces its token. Accepted and revoked ones stay
-- as history, so the index is partial (schema.prisma declares it as @@unique; the drift test compares columns).
CREATE UNIQUE INDEX "invitations_open_email_key" ON "invitations"("organization_id", "email")
    WHERE "accepted_at" IS NULL AND "revoked_at" IS NULL;

CREATE INDEX "invitations_organization_id_created_at_idx" ON "invitations"("organization_id", "created_at");
-- For the foreign keys' ON DELETE SET NULL.
CREATE INDEX "invitations_team_id_idx" ON "invitations"("team_id");
CREATE INDEX "invitations_invited_by_id_idx" ON "invitations"("invited_by_id");
CREATE INDEX "invitations_user_id_idx" ON "invitations"("user_id");
CREATE INDEX "invitations_mail_message_id_idx" ON "invitations"("mail_message_id");

ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_mail_message_id_fkey" FOREIGN KEY ("mail_message_id") REFERENCES "mail_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Issue 16, single sign-on: one row per OpenID Connect sign-in under way (apps/api/src/auth/oidc-logins.db.ts).
-- Keyed by the sha256 of the state; taken (deleted) by the callback, so each state works once; 10 minutes.

-- CreateTable
CREATE TABLE "oidc_logins" (
    "id" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "return_to" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oidc_logins_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "oidc_logins_created_at_idx" ON "oidc_logins"("created_at");

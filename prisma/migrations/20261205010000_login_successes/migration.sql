-- F12: successful sign-ins, counted per account (email) for the limit on sign-ins per window
-- (apps/api/src/auth/login-limit.db.ts). Rows older than a day are pruned on the next sign-in.

-- CreateTable
CREATE TABLE "login_successes" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_successes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "login_successes_email_created_at_idx" ON "login_successes"("email", "created_at");

-- CreateIndex
CREATE INDEX "login_successes_created_at_idx" ON "login_successes"("created_at");

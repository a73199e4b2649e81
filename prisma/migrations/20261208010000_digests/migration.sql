-- Issue 20 (docs/decisions/0039-digests.md): the dashboard comes to people — scheduled digests per person by
-- e-mail, and per webhook (Slack, Microsoft Teams or our signed JSON), sent exactly once per due time.
CREATE TYPE "DigestFrequency" AS ENUM ('off', 'daily', 'weekly');
CREATE TYPE "WebhookFormat" AS ENUM ('json', 'slack', 'teams');
CREATE TYPE "DigestSendStatus" AS ENUM ('PENDING', 'SENT', 'SKIPPED', 'FAILED');

-- An admin can turn digests off for the whole organisation (people keep their choice for when it is on again).
ALTER TABLE "organizations" ADD COLUMN "digests_enabled" BOOLEAN NOT NULL DEFAULT true;

-- A person's own choice. No row: the role's default (managers weekly on Monday 08:00 with their team, reps weekly
-- with their own figures, admins off).
CREATE TABLE "digest_subscriptions" (
    "user_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "frequency" "DigestFrequency" NOT NULL,
    "weekday" SMALLINT NOT NULL DEFAULT 1,
    "hour" SMALLINT NOT NULL DEFAULT 8,
    "scope_key" TEXT NOT NULL,
    "period_type" "PeriodType" NOT NULL DEFAULT 'MONTH',
    "send_when_empty" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "digest_subscriptions_pkey" PRIMARY KEY ("user_id"),
    CONSTRAINT "digest_subscriptions_weekday_check" CHECK ("weekday" BETWEEN 1 AND 7),
    CONSTRAINT "digest_subscriptions_hour_check" CHECK ("hour" BETWEEN 0 AND 23)
);
CREATE INDEX "digest_subscriptions_organization_id_idx" ON "digest_subscriptions"("organization_id");
ALTER TABLE "digest_subscriptions" ADD CONSTRAINT "digest_subscriptions_user_id_fkey"
    FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "digest_subscriptions" ADD CONSTRAINT "digest_subscriptions_organization_id_fkey"
    FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A webhook speaks one format, in one language, optionally for one scope (its zone changes and its digest), and
-- may receive that scope's digest on a schedule.
ALTER TABLE "webhooks" ADD COLUMN "format" "WebhookFormat" NOT NULL DEFAULT 'json';
ALTER TABLE "webhooks" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en';
ALTER TABLE "webhooks" ADD COLUMN "scope_key" TEXT;
ALTER TABLE "webhooks" ADD COLUMN "digest_frequency" "DigestFrequency" NOT NULL DEFAULT 'off';
ALTER TABLE "webhooks" ADD COLUMN "digest_weekday" SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE "webhooks" ADD COLUMN "digest_hour" SMALLINT NOT NULL DEFAULT 8;
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_digest_weekday_check" CHECK ("digest_weekday" BETWEEN 1 AND 7);
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_digest_hour_check" CHECK ("digest_hour" BETWEEN 0 AND 23);

-- One row per recipient (a person or a webhook) and due time: the unique keys make "exactly once per due time"
-- hold across API replicas and restarts (INSERT … ON CONFLICT DO NOTHING). Manual sends ("send me a test",
-- an admin's "send now") are rows of their own. `statuses` keeps what the digest showed, so the next one can say
-- which KPIs changed zone since.
CREATE TABLE "digest_sends" (
    "id" BIGSERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "user_id" INTEGER,
    "webhook_id" INTEGER,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "scope_key" TEXT NOT NULL,
    "period_type" "PeriodType" NOT NULL,
    "status" "DigestSendStatus" NOT NULL DEFAULT 'PENDING',
    "statuses" JSONB NOT NULL DEFAULT '{}',
    "mail_message_id" BIGINT,
    "webhook_delivery_id" BIGINT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "digest_sends_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "digest_sends_one_recipient_check" CHECK (("user_id" IS NULL) <> ("webhook_id" IS NULL))
);
CREATE UNIQUE INDEX "digest_sends_user_id_due_at_manual_key" ON "digest_sends"("user_id", "due_at", "manual");
CREATE UNIQUE INDEX "digest_sends_webhook_id_due_at_manual_key" ON "digest_sends"("webhook_id", "due_at", "manual");
CREATE INDEX "digest_sends_organization_id_created_at_idx" ON "digest_sends"("organization_id", "created_at");
CREATE INDEX "digest_sends_status_next_attempt_at_idx" ON "digest_sends"("status", "next_attempt_at");
ALTER TABLE "digest_sends" ADD CONSTRAINT "digest_sends_organization_id_fkey"
    FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "digest_sends" ADD CONSTRAINT "digest_sends_user_id_fkey"
    FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "digest_sends" ADD CONSTRAINT "digest_sends_webhook_id_fkey"
    FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "digest_sends" ADD CONSTRAINT "digest_sends_mail_message_id_fkey"
    FOREIGN KEY ("mail_message_id") REFERENCES "mail_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "digest_sends" ADD CONSTRAINT "digest_sends_webhook_delivery_id_fkey"
    FOREIGN KEY ("webhook_delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

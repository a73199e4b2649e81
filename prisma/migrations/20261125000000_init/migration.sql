-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'MANAGER', 'REP');

-- CreateEnum
CREATE TYPE "DealType" AS ENUM ('NEW_BUSINESS', 'UPSELL', 'CROSS_SELL', 'RENEWAL');

-- CreateEnum
CREATE TYPE "DealStatus" AS ENUM ('OPEN', 'WON', 'LOST');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('CALL', 'MEETING', 'PROPOSAL', 'EMAIL');

-- CreateEnum
CREATE TYPE "ScopeType" AS ENUM ('ORGANIZATION', 'TEAM', 'REP', 'CUSTOMER');

-- CreateEnum
CREATE TYPE "PeriodType" AS ENUM ('DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR');

-- CreateEnum
CREATE TYPE "ThresholdMode" AS ENUM ('RELATIVE', 'ABSOLUTE');

-- CreateEnum
CREATE TYPE "CostCategory" AS ENUM ('MARKETING', 'SALES', 'PERSONNEL', 'FIXED');

-- CreateEnum
CREATE TYPE "SurveyKind" AS ENUM ('NPS', 'CSAT', 'ENPS', 'Q12');

-- CreateTable
CREATE TABLE "organizations" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "fiscal_year_start_month" SMALLINT NOT NULL DEFAULT 1,
    "leaderboard_enabled" BOOLEAN NOT NULL DEFAULT false,
    "split_team_targets" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holidays" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "holidays_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "teams" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "manager_id" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "external_id" TEXT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "team_id" INTEGER,
    "password_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "external_id" TEXT,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customers" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "external_id" TEXT,
    "name" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "ideal_profile" BOOLEAN NOT NULL DEFAULT false,
    "owner_id" INTEGER,
    "acquired_at" TIMESTAMPTZ(3),
    "churned_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leads" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "external_id" TEXT,
    "name" TEXT NOT NULL,
    "account" TEXT,
    "account_key" TEXT,
    "channel" TEXT NOT NULL,
    "owner_id" INTEGER,
    "team_id" INTEGER,
    "customer_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "mql_at" TIMESTAMPTZ(3),
    "sql_at" TIMESTAMPTZ(3),
    "opportunity_at" TIMESTAMPTZ(3),
    "disqualified_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "leads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deals" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "external_id" TEXT,
    "name" TEXT NOT NULL,
    "owner_id" INTEGER,
    "team_id" INTEGER,
    "customer_id" INTEGER,
    "lead_id" INTEGER,
    "product_id" INTEGER,
    "type" "DealType" NOT NULL,
    "stage" TEXT NOT NULL,
    "probability" SMALLINT NOT NULL,
    "status" "DealStatus" NOT NULL DEFAULT 'OPEN',
    "amount" DECIMAL(14,2) NOT NULL,
    "cost" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expected_close_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "deals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "external_id" TEXT,
    "type" "ActivityType" NOT NULL,
    "user_id" INTEGER NOT NULL,
    "team_id" INTEGER,
    "lead_id" INTEGER,
    "deal_id" INTEGER,
    "customer_id" INTEGER,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "targets" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "external_id" TEXT,
    "kpi_key" TEXT NOT NULL,
    "scope_type" "ScopeType" NOT NULL,
    "scope_key" TEXT NOT NULL,
    "team_id" INTEGER,
    "user_id" INTEGER,
    "customer_id" INTEGER,
    "period_type" "PeriodType" NOT NULL,
    "period_start" DATE NOT NULL,
    "value" DECIMAL(18,4) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "targets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "thresholds" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "kpi_key" TEXT NOT NULL,
    "scope_key" TEXT NOT NULL,
    "team_id" INTEGER,
    "mode" "ThresholdMode" NOT NULL,
    "green_from" DECIMAL(18,4) NOT NULL,
    "orange_from" DECIMAL(18,4) NOT NULL,
    "green_actions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "orange_actions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "red_actions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "thresholds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "focus_areas" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "name_nl" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "focus_areas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "focus_area_kpis" (
    "id" SERIAL NOT NULL,
    "focus_area_id" INTEGER NOT NULL,
    "kpi_key" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "focus_area_kpis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "costs" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "external_id" TEXT,
    "category" "CostCategory" NOT NULL,
    "month" DATE NOT NULL,
    "team_id" INTEGER,
    "amount" DECIMAL(14,2) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "costs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_responses" (
    "id" SERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "external_id" TEXT,
    "kind" "SurveyKind" NOT NULL,
    "score" DECIMAL(4,2) NOT NULL,
    "responded_at" TIMESTAMPTZ(3) NOT NULL,
    "customer_id" INTEGER,
    "team_id" INTEGER,
    "comment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "survey_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "actor_id" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "holidays_organization_id_date_key" ON "holidays"("organization_id", "date");

-- CreateIndex
CREATE INDEX "teams_manager_id_idx" ON "teams"("manager_id");

-- CreateIndex
CREATE UNIQUE INDEX "teams_organization_id_name_key" ON "teams"("organization_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_organization_id_team_id_idx" ON "users"("organization_id", "team_id");

-- CreateIndex
CREATE INDEX "users_team_id_idx" ON "users"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "users_organization_id_external_id_key" ON "users"("organization_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "products_organization_id_external_id_key" ON "products"("organization_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "products_organization_id_name_key" ON "products"("organization_id", "name");

-- CreateIndex
CREATE INDEX "customers_organization_id_acquired_at_idx" ON "customers"("organization_id", "acquired_at");

-- CreateIndex
CREATE INDEX "customers_organization_id_churned_at_idx" ON "customers"("organization_id", "churned_at");

-- CreateIndex
CREATE INDEX "customers_organization_id_segment_idx" ON "customers"("organization_id", "segment");

-- CreateIndex
CREATE INDEX "customers_owner_id_idx" ON "customers"("owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "customers_organization_id_external_id_key" ON "customers"("organization_id", "external_id");

-- CreateIndex
CREATE INDEX "leads_organization_id_created_at_idx" ON "leads"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "leads_organization_id_mql_at_idx" ON "leads"("organization_id", "mql_at");

-- CreateIndex
CREATE INDEX "leads_organization_id_sql_at_idx" ON "leads"("organization_id", "sql_at");

-- CreateIndex
CREATE INDEX "leads_organization_id_account_key_created_at_idx" ON "leads"("organization_id", "account_key", "created_at");

-- CreateIndex
CREATE INDEX "leads_owner_id_created_at_idx" ON "leads"("owner_id", "created_at");

-- CreateIndex
CREATE INDEX "leads_team_id_created_at_idx" ON "leads"("team_id", "created_at");

-- CreateIndex
CREATE INDEX "leads_customer_id_idx" ON "leads"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "leads_organization_id_external_id_key" ON "leads"("organization_id", "external_id");

-- CreateIndex
CREATE INDEX "deals_organization_id_status_closed_at_idx" ON "deals"("organization_id", "status", "closed_at");

-- CreateIndex
CREATE INDEX "deals_organization_id_status_expected_close_at_idx" ON "deals"("organization_id", "status", "expected_close_at");

-- CreateIndex
CREATE INDEX "deals_owner_id_closed_at_idx" ON "deals"("owner_id", "closed_at");

-- CreateIndex
CREATE INDEX "deals_team_id_closed_at_idx" ON "deals"("team_id", "closed_at");

-- CreateIndex
CREATE INDEX "deals_customer_id_closed_at_idx" ON "deals"("customer_id", "closed_at");

-- CreateIndex
CREATE INDEX "deals_lead_id_idx" ON "deals"("lead_id");

-- CreateIndex
CREATE INDEX "deals_product_id_idx" ON "deals"("product_id");

-- CreateIndex
CREATE UNIQUE INDEX "deals_organization_id_external_id_key" ON "deals"("organization_id", "external_id");

-- CreateIndex
CREATE INDEX "activities_organization_id_type_occurred_at_idx" ON "activities"("organization_id", "type", "occurred_at");

-- CreateIndex
CREATE INDEX "activities_user_id_type_occurred_at_idx" ON "activities"("user_id", "type", "occurred_at");

-- CreateIndex
CREATE INDEX "activities_team_id_type_occurred_at_idx" ON "activities"("team_id", "type", "occurred_at");

-- CreateIndex
CREATE INDEX "activities_lead_id_occurred_at_idx" ON "activities"("lead_id", "occurred_at");

-- CreateIndex
CREATE INDEX "activities_deal_id_idx" ON "activities"("deal_id");

-- CreateIndex
CREATE INDEX "activities_customer_id_idx" ON "activities"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "activities_organization_id_external_id_key" ON "activities"("organization_id", "external_id");

-- CreateIndex
CREATE INDEX "targets_team_id_idx" ON "targets"("team_id");

-- CreateIndex
CREATE INDEX "targets_user_id_idx" ON "targets"("user_id");

-- CreateIndex
CREATE INDEX "targets_customer_id_idx" ON "targets"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "targets_organization_id_kpi_key_scope_key_period_type_perio_key" ON "targets"("organization_id", "kpi_key", "scope_key", "period_type", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "targets_organization_id_external_id_key" ON "targets"("organization_id", "external_id");

-- CreateIndex
CREATE INDEX "thresholds_team_id_idx" ON "thresholds"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "thresholds_organization_id_kpi_key_scope_key_key" ON "thresholds"("organization_id", "kpi_key", "scope_key");

-- CreateIndex
CREATE UNIQUE INDEX "focus_areas_organization_id_key_key" ON "focus_areas"("organization_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "focus_area_kpis_focus_area_id_kpi_key_key" ON "focus_area_kpis"("focus_area_id", "kpi_key");

-- CreateIndex
CREATE INDEX "costs_organization_id_category_month_idx" ON "costs"("organization_id", "category", "month");

-- CreateIndex
CREATE INDEX "costs_team_id_month_idx" ON "costs"("team_id", "month");

-- CreateIndex
CREATE UNIQUE INDEX "costs_organization_id_external_id_key" ON "costs"("organization_id", "external_id");

-- CreateIndex
CREATE INDEX "survey_responses_organization_id_kind_responded_at_idx" ON "survey_responses"("organization_id", "kind", "responded_at");

-- CreateIndex
CREATE INDEX "survey_responses_customer_id_idx" ON "survey_responses"("customer_id");

-- CreateIndex
CREATE INDEX "survey_responses_team_id_kind_responded_at_idx" ON "survey_responses"("team_id", "kind", "responded_at");

-- CreateIndex
CREATE UNIQUE INDEX "survey_responses_organization_id_external_id_key" ON "survey_responses"("organization_id", "external_id");

-- CreateIndex
CREATE INDEX "audit_log_organization_id_created_at_idx" ON "audit_log"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_organization_id_entity_entity_id_idx" ON "audit_log"("organization_id", "entity", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_idx" ON "audit_log"("actor_id");

-- AddForeignKey
ALTER TABLE "holidays" ADD CONSTRAINT "holidays_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "targets" ADD CONSTRAINT "targets_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "targets" ADD CONSTRAINT "targets_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "targets" ADD CONSTRAINT "targets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "targets" ADD CONSTRAINT "targets_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thresholds" ADD CONSTRAINT "thresholds_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thresholds" ADD CONSTRAINT "thresholds_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "focus_areas" ADD CONSTRAINT "focus_areas_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "focus_area_kpis" ADD CONSTRAINT "focus_area_kpis_focus_area_id_fkey" FOREIGN KEY ("focus_area_id") REFERENCES "focus_areas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "costs" ADD CONSTRAINT "costs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "costs" ADD CONSTRAINT "costs_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

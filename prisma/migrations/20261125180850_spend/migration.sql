-- CreateTable
CREATE TABLE "spend_logs" (
    "request_id" TEXT NOT NULL,
    "call_type" TEXT NOT NULL,
    "api_key" TEXT,
    "key_alias" TEXT,
    "user" TEXT,
    "team_id" TEXT,
    "organization_id" TEXT,
    "end_user" TEXT,
    "model" TEXT NOT NULL,
    "model_group" TEXT,
    "model_id" TEXT,
    "custom_llm_provider" TEXT,
    "api_base" TEXT,
    "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
    "completion_tokens" INTEGER NOT NULL DEFAULT 0,
    "cached_tokens" INTEGER NOT NULL DEFAULT 0,
    "total_tokens" INTEGER NOT NULL DEFAULT 0,
    "spend" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "startTime" TIMESTAMP(3) NOT NULL,
    "endTime" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "cache_hit" BOOLEAN NOT NULL DEFAULT false,
    "request_tags" TEXT[],
    "messages" JSONB,
    "response" JSONB,
    "metadata" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "spend_logs_pkey" PRIMARY KEY ("request_id")
);

-- CreateTable
CREATE TABLE "daily_spend" (
    "date" DATE NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "successes" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "prompt_tokens" BIGINT NOT NULL DEFAULT 0,
    "completion_tokens" BIGINT NOT NULL DEFAULT 0,
    "spend" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "daily_spend_pkey" PRIMARY KEY ("date","entity_type","entity_id","model")
);

-- CreateIndex
CREATE INDEX "spend_logs_startTime_idx" ON "spend_logs"("startTime");

-- CreateIndex
CREATE INDEX "spend_logs_api_key_idx" ON "spend_logs"("api_key");

-- CreateIndex
CREATE INDEX "spend_logs_user_idx" ON "spend_logs"("user");

-- CreateIndex
CREATE INDEX "spend_logs_team_id_idx" ON "spend_logs"("team_id");

-- CreateIndex
CREATE INDEX "daily_spend_entity_type_entity_id_date_idx" ON "daily_spend"("entity_type", "entity_id", "date");

CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_prefix_unique" UNIQUE("prefix"),
	CONSTRAINT "api_keys_hash_is_sha256_hex" CHECK ("api_keys"."secret_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "api_keys_scopes_valid" CHECK (cardinality("api_keys"."scopes") >= 1 AND "api_keys"."scopes" <@ ARRAY['read', 'write']::text[])
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "teams_name_not_blank" CHECK (length(btrim("teams"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "builtin_pins" (
	"row_id" uuid PRIMARY KEY NOT NULL,
	"gpu_row_id" uuid,
	"link_row_id" uuid,
	"model_row_id" uuid,
	"content_hash" text NOT NULL,
	CONSTRAINT "builtin_pins_exactly_one_target" CHECK (num_nonnulls("builtin_pins"."gpu_row_id", "builtin_pins"."link_row_id", "builtin_pins"."model_row_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "gpu_profiles" (
	"row_id" uuid PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"team_id" uuid,
	"is_builtin" boolean NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"vendor" text NOT NULL,
	"memory_gib" double precision NOT NULL,
	"peak_bf16_tflops" double precision NOT NULL,
	"peak_fp8_tflops" double precision,
	"peak_fp4_tflops" double precision,
	"profile" jsonb NOT NULL,
	"content_hash" text GENERATED ALWAYS AS (md5(coalesce(("id")::text, '') || '|' || coalesce(("team_id")::text, '') || '|' || coalesce(("is_builtin")::text, '') || '|' || coalesce(("name")::text, '') || '|' || coalesce(("source")::text, '') || '|' || coalesce(("vendor")::text, '') || '|' || coalesce(("memory_gib")::text, '') || '|' || coalesce(("peak_bf16_tflops")::text, '') || '|' || coalesce(("peak_fp8_tflops")::text, '') || '|' || coalesce(("peak_fp4_tflops")::text, '') || '|' || coalesce(("profile")::text, ''))) STORED,
	CONSTRAINT "gpu_profiles_row_content_unique" UNIQUE("row_id","content_hash"),
	CONSTRAINT "gpu_profiles_builtin_xor_team" CHECK ("gpu_profiles"."is_builtin" = ("gpu_profiles"."team_id" IS NULL)),
	CONSTRAINT "gpu_profiles_id_format" CHECK ("gpu_profiles"."id" ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
	CONSTRAINT "gpu_profiles_vendor_valid" CHECK ("gpu_profiles"."vendor" IN ('nvidia', 'amd'))
);
--> statement-breakpoint
CREATE TABLE "link_profiles" (
	"row_id" uuid PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"team_id" uuid,
	"is_builtin" boolean NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"bandwidth_gbs" double precision NOT NULL,
	"profile" jsonb NOT NULL,
	"content_hash" text GENERATED ALWAYS AS (md5(coalesce(("id")::text, '') || '|' || coalesce(("team_id")::text, '') || '|' || coalesce(("is_builtin")::text, '') || '|' || coalesce(("name")::text, '') || '|' || coalesce(("source")::text, '') || '|' || coalesce(("kind")::text, '') || '|' || coalesce(("bandwidth_gbs")::text, '') || '|' || coalesce(("profile")::text, ''))) STORED,
	CONSTRAINT "link_profiles_row_content_unique" UNIQUE("row_id","content_hash"),
	CONSTRAINT "link_profiles_builtin_xor_team" CHECK ("link_profiles"."is_builtin" = ("link_profiles"."team_id" IS NULL)),
	CONSTRAINT "link_profiles_id_format" CHECK ("link_profiles"."id" ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
	CONSTRAINT "link_profiles_kind_valid" CHECK ("link_profiles"."kind" IN ('intra-node', 'scale-out'))
);
--> statement-breakpoint
CREATE TABLE "model_presets" (
	"row_id" uuid PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"team_id" uuid,
	"is_builtin" boolean NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"layers" integer NOT NULL,
	"hidden_size" integer NOT NULL,
	"is_moe" boolean NOT NULL,
	"profile" jsonb NOT NULL,
	"content_hash" text GENERATED ALWAYS AS (md5(coalesce(("id")::text, '') || '|' || coalesce(("team_id")::text, '') || '|' || coalesce(("is_builtin")::text, '') || '|' || coalesce(("name")::text, '') || '|' || coalesce(("source")::text, '') || '|' || coalesce(("layers")::text, '') || '|' || coalesce(("hidden_size")::text, '') || '|' || coalesce(("is_moe")::text, '') || '|' || coalesce(("profile")::text, ''))) STORED,
	CONSTRAINT "model_presets_row_content_unique" UNIQUE("row_id","content_hash"),
	CONSTRAINT "model_presets_builtin_xor_team" CHECK ("model_presets"."is_builtin" = ("model_presets"."team_id" IS NULL)),
	CONSTRAINT "model_presets_id_format" CHECK ("model_presets"."id" ~ '^[a-z0-9][a-z0-9._-]{0,63}$')
);
--> statement-breakpoint
CREATE TABLE "estimates" (
	"plan_id" uuid NOT NULL,
	"plan_version" integer NOT NULL,
	"engine_version" text NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "estimates_pk" PRIMARY KEY("plan_id","plan_version","engine_version")
);
--> statement-breakpoint
CREATE TABLE "plan_revisions" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_revisions_pk" PRIMARY KEY("plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "plans_version_positive" CHECK ("plans"."version" >= 1),
	CONSTRAINT "plans_name_not_blank" CHECK (length(btrim("plans"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builtin_pins" ADD CONSTRAINT "builtin_pins_gpu_fk" FOREIGN KEY ("gpu_row_id","content_hash") REFERENCES "public"."gpu_profiles"("row_id","content_hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builtin_pins" ADD CONSTRAINT "builtin_pins_link_fk" FOREIGN KEY ("link_row_id","content_hash") REFERENCES "public"."link_profiles"("row_id","content_hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builtin_pins" ADD CONSTRAINT "builtin_pins_model_fk" FOREIGN KEY ("model_row_id","content_hash") REFERENCES "public"."model_presets"("row_id","content_hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gpu_profiles" ADD CONSTRAINT "gpu_profiles_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_profiles" ADD CONSTRAINT "link_profiles_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_presets" ADD CONSTRAINT "model_presets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_revision_fk" FOREIGN KEY ("plan_id","plan_version") REFERENCES "public"."plan_revisions"("plan_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_team_idx" ON "api_keys" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "gpu_profiles_builtin_id_unique" ON "gpu_profiles" USING btree ("id") WHERE "gpu_profiles"."team_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "gpu_profiles_team_id_unique" ON "gpu_profiles" USING btree ("team_id","id") WHERE "gpu_profiles"."team_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "link_profiles_builtin_id_unique" ON "link_profiles" USING btree ("id") WHERE "link_profiles"."team_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "link_profiles_team_id_unique" ON "link_profiles" USING btree ("team_id","id") WHERE "link_profiles"."team_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "model_presets_builtin_id_unique" ON "model_presets" USING btree ("id") WHERE "model_presets"."team_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "model_presets_team_id_unique" ON "model_presets" USING btree ("team_id","id") WHERE "model_presets"."team_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "plans_team_updated_idx" ON "plans" USING btree ("team_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "plans"."deleted_at" IS NULL;
-- The case core becomes a seam: what only one case type has lives in that type's own table, keyed by
-- case_id (support_cases, sipa_cases), instead of in columns of cases that every type carries.
CREATE TABLE "sipa_cases" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"conflict_check" text DEFAULT 'not_assigned' NOT NULL,
	"advice_envelope" text,
	"advice_recorded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "support_cases" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"association" text,
	"concern_for_colleague" boolean DEFAULT false NOT NULL,
	"advice_envelope" text,
	"advice_recorded_at" timestamp with time zone,
	"zelfscan_result_id" uuid,
	"zelfscan_shared_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "cases_queue_idx";--> statement-breakpoint
ALTER TABLE "sipa_cases" ADD CONSTRAINT "sipa_cases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_cases" ADD CONSTRAINT "support_cases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("type","status");--> statement-breakpoint
-- Every case keeps its type's own data: the support and SIPA columns move from cases to the type's own
-- table, one row per case (tombstones have no type data left to keep).
INSERT INTO "support_cases" ("case_id", "association", "concern_for_colleague", "advice_envelope", "advice_recorded_at", "zelfscan_result_id", "zelfscan_shared_at")
  SELECT "id", "association", "concern_for_colleague", "advice_envelope", "advice_recorded_at", "zelfscan_result_id", "zelfscan_shared_at"
  FROM "cases" WHERE "type" = 'support' AND "erased_at" IS NULL;--> statement-breakpoint
INSERT INTO "sipa_cases" ("case_id", "conflict_check", "advice_envelope", "advice_recorded_at")
  SELECT "id", "conflict_check", "advice_envelope", "advice_recorded_at"
  FROM "cases" WHERE "type" = 'sipa' AND "erased_at" IS NULL;--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "association";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "concern_for_colleague";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "advice_envelope";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "advice_recorded_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "zelfscan_result_id";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "zelfscan_shared_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "conflict_check";
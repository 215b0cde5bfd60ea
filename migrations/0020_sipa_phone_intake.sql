ALTER TABLE "sipa_cases" ADD COLUMN "call_times" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sipa_cases" ADD COLUMN "intake_agreement" text;--> statement-breakpoint
ALTER TABLE "sipa_cases" ADD COLUMN "intake_held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sipa_cases" ADD COLUMN "intake_message_envelope" text;--> statement-breakpoint
ALTER TABLE "sipa_cases" ADD COLUMN "details_shared_at" timestamp with time zone;--> statement-breakpoint
-- Requests made before the phone-intake process already hold the signal, the person concerned and the
-- question: they count as having had the intake, with the details shared when the request was made.
-- When a call took place is not known, so intake_held_at stays null (the page says it predates the
-- process). Statuses need no change: every old status exists in the new process with the same meaning.
UPDATE "sipa_cases" SET "intake_agreement" = 'share_details', "details_shared_at" = "cases"."created_at"
FROM "cases" WHERE "cases"."id" = "sipa_cases"."case_id";

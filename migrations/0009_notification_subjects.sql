-- Notifications become their own module: what a notification is about is a subject (a module's record
-- type and id) instead of a case. Every existing notification about a case keeps it as its subject.
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject_type" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
UPDATE "notifications" SET "subject_type" = 'case', "subject_id" = "case_id" WHERE "case_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_subject_idx" ON "notifications" USING btree ("subject_type","subject_id");--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "case_id";

CREATE TABLE "aftercare_check_ins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"delivered_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"missed_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answers_envelope" text
);
--> statement-breakpoint
CREATE TABLE "aftercare_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"shares_with_person" boolean DEFAULT false NOT NULL,
	"prompt_envelope" text,
	"prompt_since" timestamp with time zone,
	"referral_envelope" text,
	"referral_offered_at" timestamp with time zone,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "aftercare_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"incident_id" uuid,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"consent_via" text,
	"consent_recorded_at" timestamp with time zone,
	"consent_recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aftercare_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"topic" text NOT NULL,
	"note_envelope" text,
	"owner" text NOT NULL,
	"owner_relative_id" uuid,
	"due_on" date,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "aftercare_check_ins" ADD CONSTRAINT "aftercare_check_ins_plan_id_aftercare_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."aftercare_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_check_ins" ADD CONSTRAINT "aftercare_check_ins_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_participants" ADD CONSTRAINT "aftercare_participants_plan_id_aftercare_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."aftercare_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_participants" ADD CONSTRAINT "aftercare_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_plans" ADD CONSTRAINT "aftercare_plans_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_plans" ADD CONSTRAINT "aftercare_plans_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_plans" ADD CONSTRAINT "aftercare_plans_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_steps" ADD CONSTRAINT "aftercare_steps_plan_id_aftercare_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."aftercare_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aftercare_steps" ADD CONSTRAINT "aftercare_steps_owner_relative_id_people_id_fk" FOREIGN KEY ("owner_relative_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "aftercare_check_ins_unique_idx" ON "aftercare_check_ins" USING btree ("plan_id","person_id","sequence");--> statement-breakpoint
CREATE INDEX "aftercare_check_ins_due_idx" ON "aftercare_check_ins" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "aftercare_check_ins_person_idx" ON "aftercare_check_ins" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "aftercare_participants_plan_person_idx" ON "aftercare_participants" USING btree ("plan_id","person_id");--> statement-breakpoint
CREATE INDEX "aftercare_participants_person_idx" ON "aftercare_participants" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "aftercare_plans_open_case_idx" ON "aftercare_plans" USING btree ("case_id") WHERE status <> 'ended';--> statement-breakpoint
CREATE INDEX "aftercare_plans_person_idx" ON "aftercare_plans" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "aftercare_plans_ends_idx" ON "aftercare_plans" USING btree ("ends_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "aftercare_steps_plan_idx" ON "aftercare_steps" USING btree ("plan_id","position");
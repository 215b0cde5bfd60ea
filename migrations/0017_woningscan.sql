CREATE TABLE "woningscan_cases" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"requester_id" uuid NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"requested_on" date NOT NULL,
	"address_envelope" text,
	"address_removed_at" timestamp with time zone,
	"appointment_uid" uuid,
	"appointment_sequence" integer DEFAULT 0 NOT NULL,
	"appointment_state" text DEFAULT 'none' NOT NULL,
	"appointment_starts_at" timestamp with time zone,
	"appointment_ends_at" timestamp with time zone,
	"reschedule_requested_at" timestamp with time zone,
	"visited_on" date,
	"advice_envelope" text,
	"advice_recorded_at" timestamp with time zone,
	"bva_advice_expected" boolean DEFAULT false NOT NULL,
	"bva_advice_due_on" date,
	"bva_advice_received_on" date,
	"pkvw_status" text DEFAULT 'unknown' NOT NULL,
	"pkvw_certified_on" date
);
--> statement-breakpoint
CREATE TABLE "woningscan_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"domain" text NOT NULL,
	"description_envelope" text NOT NULL,
	"state" text DEFAULT 'advised' NOT NULL,
	"ordered_on" date,
	"installed_on" date,
	"due_on" date,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "woningscan_scheme_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_key" text NOT NULL,
	"revision" integer NOT NULL,
	"content" jsonb NOT NULL,
	"source" text NOT NULL,
	"author_person_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "woningscan_scheme_revisions_key_revision" UNIQUE("scheme_key","revision")
);
--> statement-breakpoint
CREATE TABLE "woningscan_schemes" (
	"key" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "woningscan_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "woningscan_cases" ADD CONSTRAINT "woningscan_cases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "woningscan_measures" ADD CONSTRAINT "woningscan_measures_case_id_woningscan_cases_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."woningscan_cases"("case_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "woningscan_scheme_revisions" ADD CONSTRAINT "woningscan_scheme_revisions_scheme_key_woningscan_schemes_key_fk" FOREIGN KEY ("scheme_key") REFERENCES "public"."woningscan_schemes"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "woningscan_scheme_revisions" ADD CONSTRAINT "woningscan_scheme_revisions_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "woningscan_slots" ADD CONSTRAINT "woningscan_slots_case_id_woningscan_cases_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."woningscan_cases"("case_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "woningscan_cases_one_open_per_requester" ON "woningscan_cases" USING btree ("requester_id") WHERE "woningscan_cases"."open";--> statement-breakpoint
CREATE INDEX "woningscan_measures_case_idx" ON "woningscan_measures" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "woningscan_slots_case_idx" ON "woningscan_slots" USING btree ("case_id");
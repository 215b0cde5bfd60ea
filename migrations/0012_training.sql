CREATE TABLE "training_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"waitlist_number" integer,
	"calendar_sequence" integer DEFAULT 0 NOT NULL,
	"attended" boolean,
	"attendance_recorded_at" timestamp with time zone,
	"attendance_recorded_by" uuid,
	"enrolled_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_enrolments_waiting_has_number" CHECK ("training_enrolments"."status" <> 'waiting' OR "training_enrolments"."waitlist_number" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "training_offerings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title_nl" text NOT NULL,
	"title_en" text NOT NULL,
	"provider" text NOT NULL,
	"duration_half_days" integer NOT NULL,
	"audience" text[] NOT NULL,
	"description_nl" text NOT NULL,
	"description_en" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_offerings_duration" CHECK ("training_offerings"."duration_half_days" BETWEEN 1 AND 20)
);
--> statement-breakpoint
CREATE TABLE "training_session_parts" (
	"session_id" uuid NOT NULL,
	"part_index" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_session_parts_session_id_part_index_pk" PRIMARY KEY("session_id","part_index"),
	CONSTRAINT "training_session_parts_times" CHECK ("training_session_parts"."ends_at" > "training_session_parts"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offering_id" uuid NOT NULL,
	"city" text NOT NULL,
	"venue" text NOT NULL,
	"capacity" integer NOT NULL,
	"confirmed_count" integer DEFAULT 0 NOT NULL,
	"next_waitlist_number" integer DEFAULT 1 NOT NULL,
	"enrolment_deadline" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_sessions_capacity" CHECK ("training_sessions"."capacity" BETWEEN 1 AND 500),
	CONSTRAINT "training_sessions_seats" CHECK ("training_sessions"."confirmed_count" >= 0 AND "training_sessions"."confirmed_count" <= "training_sessions"."capacity"),
	CONSTRAINT "training_sessions_times" CHECK ("training_sessions"."ends_at" > "training_sessions"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "attachments_envelope" text;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_offering_id_training_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."training_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session_parts" ADD CONSTRAINT "training_session_parts_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_offering_id_training_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."training_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolments_one_active" ON "training_enrolments" USING btree ("offering_id","person_id") WHERE "training_enrolments"."status" IN ('confirmed', 'waiting');--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolments_waitlist_number" ON "training_enrolments" USING btree ("session_id","waitlist_number");--> statement-breakpoint
CREATE INDEX "training_enrolments_session_idx" ON "training_enrolments" USING btree ("session_id","status");--> statement-breakpoint
CREATE INDEX "training_enrolments_person_idx" ON "training_enrolments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_sessions_starts_idx" ON "training_sessions" USING btree ("starts_at");
CREATE TABLE "handover_activation_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"handover_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_exchanged_at" timestamp with time zone,
	CONSTRAINT "handover_activation_codes_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "handover_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"handover_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_person_id" uuid,
	"kind" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"registered_name" text NOT NULL,
	"office" text NOT NULL,
	"region_kind" text NOT NULL,
	"region" text NOT NULL,
	"installation_date" date NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"prepared_at" timestamp with time zone,
	"last_printed_at" timestamp with time zone,
	"print_count" integer DEFAULT 0 NOT NULL,
	"printed_edition_id" uuid,
	"handed_over_on" date,
	"handed_over_by" text,
	"handed_over_method" text,
	"handed_over_recorded_by" uuid,
	"handed_over_recorded_at" timestamp with time zone,
	CONSTRAINT "handovers_person_id_unique" UNIQUE("person_id")
);
--> statement-breakpoint
CREATE TABLE "package_editions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"parts" jsonb NOT NULL,
	CONSTRAINT "package_editions_version_unique" UNIQUE("version")
);
--> statement-breakpoint
ALTER TABLE "handover_activation_codes" ADD CONSTRAINT "handover_activation_codes_handover_id_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."handovers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_events" ADD CONSTRAINT "handover_events_handover_id_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."handovers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_printed_edition_id_package_editions_id_fk" FOREIGN KEY ("printed_edition_id") REFERENCES "public"."package_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handover_activation_codes_handover_idx" ON "handover_activation_codes" USING btree ("handover_id");--> statement-breakpoint
CREATE INDEX "handover_events_handover_idx" ON "handover_events" USING btree ("handover_id","at");--> statement-breakpoint
CREATE INDEX "handovers_installation_idx" ON "handovers" USING btree ("installation_date","created_at");
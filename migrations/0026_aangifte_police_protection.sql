CREATE TABLE "aangifte_police_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"report_envelope" text NOT NULL,
	"follow_up_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aangifte_preparations" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"choices_envelope" text NOT NULL,
	"internal_report_marked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "protection_conversations" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"informed_at" timestamp with time zone NOT NULL,
	"review_on" date,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "aangifte_police_reports" ADD CONSTRAINT "aangifte_police_reports_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aangifte_police_reports" ADD CONSTRAINT "aangifte_police_reports_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aangifte_police_reports" ADD CONSTRAINT "aangifte_police_reports_follow_up_id_incident_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."incident_follow_ups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aangifte_preparations" ADD CONSTRAINT "aangifte_preparations_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aangifte_preparations" ADD CONSTRAINT "aangifte_preparations_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_conversations" ADD CONSTRAINT "protection_conversations_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_conversations" ADD CONSTRAINT "protection_conversations_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "aangifte_police_reports_incident_idx" ON "aangifte_police_reports" USING btree ("incident_id","reported_on");--> statement-breakpoint
CREATE INDEX "aangifte_police_reports_owner_idx" ON "aangifte_police_reports" USING btree ("owner_id");
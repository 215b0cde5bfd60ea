CREATE TABLE "damage_claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"route" text NOT NULL,
	"status" text NOT NULL,
	"content_envelope" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "damage_deadlines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"remind_on" date NOT NULL,
	"label_envelope" text NOT NULL,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "damage_rule_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"valid_from" date NOT NULL,
	"revision" integer NOT NULL,
	"content" jsonb NOT NULL,
	"source" text NOT NULL,
	"author_person_id" uuid,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "damage_rule_revisions_day_revision" UNIQUE("valid_from","revision")
);
--> statement-breakpoint
ALTER TABLE "damage_claims" ADD CONSTRAINT "damage_claims_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "damage_claims" ADD CONSTRAINT "damage_claims_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "damage_deadlines" ADD CONSTRAINT "damage_deadlines_claim_id_damage_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."damage_claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "damage_deadlines" ADD CONSTRAINT "damage_deadlines_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "damage_rule_revisions" ADD CONSTRAINT "damage_rule_revisions_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "damage_claims_incident_idx" ON "damage_claims" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "damage_claims_owner_idx" ON "damage_claims" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "damage_deadlines_claim_idx" ON "damage_deadlines" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "damage_deadlines_due_idx" ON "damage_deadlines" USING btree ("remind_on","due_on");
CREATE TABLE "case_incident_shares" (
	"case_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"evidence_ids" jsonb NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "case_incident_shares_case_id_incident_id_pk" PRIMARY KEY("case_id","incident_id")
);
--> statement-breakpoint
ALTER TABLE "case_incident_shares" ADD CONSTRAINT "case_incident_shares_case_id_support_cases_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."support_cases"("case_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_incident_shares" ADD CONSTRAINT "case_incident_shares_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_incident_shares_owner_idx" ON "case_incident_shares" USING btree ("owner_id","incident_id");
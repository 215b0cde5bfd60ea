CREATE TABLE "zelfscan_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"questionnaire_version" text NOT NULL,
	"answers_envelope" text NOT NULL,
	"actions_envelope" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "zelfscan_results" ADD CONSTRAINT "zelfscan_results_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "zelfscan_results_person_idx" ON "zelfscan_results" USING btree ("person_id","created_at");
CREATE TABLE "account_erasure_tombstones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"erasure_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sha256" text,
	"size" bigint,
	"created_at" timestamp with time zone,
	"erased_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_erasures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"identity_envelope" text NOT NULL,
	"erased_at" timestamp with time zone NOT NULL,
	"unlink_after" timestamp with time zone NOT NULL,
	"counts" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_erasure_tombstones" ADD CONSTRAINT "account_erasure_tombstones_erasure_id_account_erasures_id_fk" FOREIGN KEY ("erasure_id") REFERENCES "public"."account_erasures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_erasure_tombstones_erasure_idx" ON "account_erasure_tombstones" USING btree ("erasure_id");--> statement-breakpoint
CREATE INDEX "account_erasures_unlink_idx" ON "account_erasures" USING btree ("unlink_after");
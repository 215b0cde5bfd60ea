CREATE SEQUENCE "public"."audit_log_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "audit_refresh_marks" (
	"actor_person_id" uuid NOT NULL,
	"record_key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_refresh_marks_actor_person_id_record_key_window_start_pk" PRIMARY KEY("actor_person_id","record_key","window_start")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"state" text NOT NULL,
	"status" integer,
	"content_type" text,
	"body_envelope" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relative_account_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invitation_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"officeholder_id" uuid NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "seq" SET DEFAULT nextval('audit_log_seq');--> statement-breakpoint
-- New rows are numbered after the existing ones (hand-written: drizzle-kit does not carry data over).
-- The existing rows keep chain NULL: the legacy SHA-256 chain, pinned by a keyed entry at the next start.
SELECT setval('audit_log_seq', COALESCE((SELECT max("seq") FROM "audit_log"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain" smallint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "relative_account_invites" ADD CONSTRAINT "relative_account_invites_officeholder_id_people_id_fk" FOREIGN KEY ("officeholder_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_person_key_idx" ON "idempotency_keys" USING btree ("person_id","key");--> statement-breakpoint
CREATE INDEX "idempotency_keys_expiry_idx" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "relative_account_invites_officeholder_idx" ON "relative_account_invites" USING btree ("officeholder_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_chain_position_idx" ON "audit_log" USING btree ("chain","chain_seq");--> statement-breakpoint
CREATE INDEX "audit_legacy_idx" ON "audit_log" USING btree ("seq") WHERE "audit_log"."chain" IS NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_chain_complete" CHECK (("audit_log"."chain" IS NULL) = ("audit_log"."chain_seq" IS NULL));
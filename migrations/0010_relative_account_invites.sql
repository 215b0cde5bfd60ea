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
ALTER TABLE "relative_account_invites" ADD CONSTRAINT "relative_account_invites_officeholder_id_people_id_fk" FOREIGN KEY ("officeholder_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relative_account_invites_officeholder_idx" ON "relative_account_invites" USING btree ("officeholder_id","created_at");
ALTER TABLE "invitations" ADD COLUMN "delivery" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "relationship" text;--> statement-breakpoint
ALTER TABLE "relative_account_invites" ADD COLUMN "relationship" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
-- Invitations from before: a mail to the person in the same minute means it was e-mailed; a package
-- print or code exchange of their handover in the same minute means it came with the package.
UPDATE "invitations" AS i SET "delivery" = 'mail'
WHERE i."kind" = 'invite' AND EXISTS (
  SELECT 1 FROM "mail_outbox" AS m JOIN "people" AS p ON p."email" = m."recipient"
  WHERE p."id" = i."person_id" AND m."kind" = 'invitation'
    AND m."created_at" BETWEEN i."created_at" - interval '1 minute' AND i."created_at" + interval '1 minute'
);--> statement-breakpoint
UPDATE "invitations" AS i SET "delivery" = 'package'
WHERE i."delivery" IS NULL AND i."kind" = 'invite' AND EXISTS (
  SELECT 1 FROM "handover_events" AS e JOIN "handovers" AS h ON h."id" = e."handover_id"
  WHERE h."person_id" = i."person_id" AND e."kind" IN ('package_printed', 'code_exchanged')
    AND e."at" BETWEEN i."created_at" - interval '1 minute' AND i."created_at" + interval '1 minute'
);--> statement-breakpoint
-- Relatives invited before: their relationship was not asked; they read as "other" until the officeholder says.
UPDATE "people" SET "relationship" = 'other' WHERE "linked_officeholder_id" IS NOT NULL AND "relationship" IS NULL;

ALTER TABLE "people" ADD COLUMN "relationship" text;--> statement-breakpoint
-- Relatives invited before: their relationship was not asked; they read as "other" until the officeholder says.
UPDATE "people" SET "relationship" = 'other' WHERE "linked_officeholder_id" IS NOT NULL AND "relationship" IS NULL;

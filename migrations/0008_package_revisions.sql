-- Admins edit the package texts in the app (issue #4): every version of a part's texts, from the content
-- files ('release') or an admin's save or restore ('admin'). The sync on start fills revision 1 per part.
CREATE TABLE "package_part_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"revision" integer NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"source" text NOT NULL,
	"author_person_id" uuid,
	"note" text,
	"restored_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "package_part_revisions_slug_revision_key" UNIQUE("slug","revision"),
	CONSTRAINT "package_part_revisions_source_check" CHECK ("package_part_revisions"."source" IN ('release', 'admin'))
);
--> statement-breakpoint
ALTER TABLE "package_part_revisions" ADD CONSTRAINT "package_part_revisions_slug_package_parts_slug_fk" FOREIGN KEY ("slug") REFERENCES "public"."package_parts"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_part_revisions" ADD CONSTRAINT "package_part_revisions_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;
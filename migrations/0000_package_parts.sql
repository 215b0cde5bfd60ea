CREATE TABLE "package_part_translations" (
	"slug" text NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	CONSTRAINT "package_part_translations_slug_locale_pk" PRIMARY KEY("slug","locale")
);
--> statement-breakpoint
CREATE TABLE "package_parts" (
	"slug" text PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"content_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "package_part_translations" ADD CONSTRAINT "package_part_translations_slug_package_parts_slug_fk" FOREIGN KEY ("slug") REFERENCES "public"."package_parts"("slug") ON DELETE cascade ON UPDATE no action;
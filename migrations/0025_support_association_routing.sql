CREATE TABLE "support_association_routing" (
	"office" text PRIMARY KEY NOT NULL,
	"association" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Seeded with the routing Weerbaar had in code until now (src/server/modules/support/routing.ts keeps it as
-- the default), so nothing changes for an existing deployment until an admin changes it.
INSERT INTO "support_association_routing" ("office", "association", "updated_at") VALUES
	('burgemeester', 'ngb', now()),
	('wethouder', 'wethoudersvereniging', now()),
	('raadslid', 'nvvr', now()),
	('statenlid', 'ipo', now()),
	('gedeputeerde', 'ipo', now()),
	('commissaris_van_de_koning', 'bzk', now()),
	('waterschapsbestuurder', 'bzk', now())
ON CONFLICT ("office") DO NOTHING;

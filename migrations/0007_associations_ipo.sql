-- Statenleden and gedeputeerden go to the IPO's confidants (issue #5); the association was called
-- 'statenleden' before. Confidants and open or closed cases move with it, so queues stay whole.
UPDATE "people" SET "association" = 'ipo' WHERE "association" = 'statenleden';--> statement-breakpoint
UPDATE "cases" SET "association" = 'ipo' WHERE "association" = 'statenleden';

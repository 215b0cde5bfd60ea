DROP INDEX "cases_queue_idx";--> statement-breakpoint
DROP INDEX "cases_requester_idx";--> statement-breakpoint
CREATE INDEX "case_assignments_current_idx" ON "case_assignments" USING btree ("person_id","case_id") WHERE ended_at IS NULL;--> statement-breakpoint
CREATE INDEX "cases_queue_due_idx" ON "cases" USING btree ("type","status","first_response_due_at","id") WHERE erased_at IS NULL;--> statement-breakpoint
CREATE INDEX "cases_queue_created_idx" ON "cases" USING btree ("type","status","created_at","id") WHERE erased_at IS NULL;--> statement-breakpoint
CREATE INDEX "cases_queue_updated_idx" ON "cases" USING btree ("type","status","updated_at","id") WHERE erased_at IS NULL;--> statement-breakpoint
CREATE INDEX "cases_open_idx" ON "cases" USING btree ("type","first_response_due_at") WHERE closed_at IS NULL AND erased_at IS NULL;--> statement-breakpoint
CREATE INDEX "mail_outbox_pending_idx" ON "mail_outbox" USING btree ("created_at") WHERE sent_at IS NULL;--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("person_id") WHERE read_at IS NULL;--> statement-breakpoint
CREATE INDEX "cases_requester_idx" ON "cases" USING btree ("requester_id","created_at");
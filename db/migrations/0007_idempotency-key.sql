ALTER TABLE "submission" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "submission_idempotency_idx" ON "submission" USING btree ("user_id","idempotency_key");
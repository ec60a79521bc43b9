ALTER TABLE "solution_row" ADD COLUMN "origin" smallint;--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "gates" jsonb;
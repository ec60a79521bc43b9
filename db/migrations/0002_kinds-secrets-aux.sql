ALTER TABLE "dataset" ADD COLUMN "secrets" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "solution_row" ADD COLUMN "aux" double precision;
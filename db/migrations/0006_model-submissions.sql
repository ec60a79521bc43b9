ALTER TABLE "challenge" ADD COLUMN "model_max_mb" integer DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE "challenge" ADD COLUMN "latency_budget_ms" double precision;--> statement-breakpoint
ALTER TABLE "phase" ADD COLUMN "submission_mode" text DEFAULT 'predictions' NOT NULL;--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "format" text DEFAULT 'predictions' NOT NULL;--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "model_stats" jsonb;
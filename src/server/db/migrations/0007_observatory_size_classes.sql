ALTER TABLE "observatory_aggregates" ADD COLUMN "size_class" text NOT NULL;--> statement-breakpoint
ALTER TABLE "observatory_aggregates" DROP COLUMN "headcount_bracket";--> statement-breakpoint
ALTER TABLE "observatory_aggregates" DROP COLUMN "is_public";
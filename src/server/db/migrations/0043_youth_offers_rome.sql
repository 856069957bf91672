ALTER TABLE "youth_offers" ADD COLUMN "rome_code" text;--> statement-breakpoint
ALTER TABLE "youth_offers" ADD COLUMN "rome_label" text;
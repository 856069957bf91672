DROP INDEX "observatory_official_figures_key";--> statement-breakpoint
ALTER TABLE "observatory_official_figures" ALTER COLUMN "year" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "observatory_official_figures" ADD CONSTRAINT "observatory_official_figures_key" UNIQUE NULLS NOT DISTINCT("territory_code","year","family","source");
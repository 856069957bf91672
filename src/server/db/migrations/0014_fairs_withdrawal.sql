ALTER TABLE "fair_exhibitors" DROP CONSTRAINT "fair_exhibitors_fair_org";--> statement-breakpoint
ALTER TABLE "fair_exhibitors" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fair_exhibitors" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "fair_exhibitors" ADD COLUMN "withdrawal_message" text;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_exhibitors_fair_org_live" ON "fair_exhibitors" USING btree ("fair_id","organization_id") WHERE "fair_exhibitors"."status" <> 'withdrawn';
CREATE TABLE "privacy_retention_runs" (
	"day" date PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb
);
--> statement-breakpoint
CREATE TABLE "privacy_retention_settings" (
	"scope" text PRIMARY KEY NOT NULL,
	"registrants_months" integer DEFAULT 24 NOT NULL,
	"unconfirmed_subscription_days" integer DEFAULT 30 NOT NULL,
	"relations_inactive_months" integer DEFAULT 36 NOT NULL,
	"gtec_answers_months" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "privacy_export_requests" ADD COLUMN "purpose" text DEFAULT 'export' NOT NULL;
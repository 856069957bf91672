CREATE TABLE "fair_exhibitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"pitch" text NOT NULL,
	"needs_table" boolean DEFAULT false NOT NULL,
	"needs_power" boolean DEFAULT false NOT NULL,
	"needs_other" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_message" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"applied_by" uuid,
	"stand_zone" text,
	"stand_number" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fair_exhibitors_fair_org" UNIQUE("fair_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "fairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"zones" text[] DEFAULT '{}'::text[] NOT NULL,
	"applications_open" boolean DEFAULT true NOT NULL,
	"applications_close_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fairs_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
ALTER TABLE "fair_exhibitors" ADD CONSTRAINT "fair_exhibitors_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_exhibitors" ADD CONSTRAINT "fair_exhibitors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_exhibitors_stand" ON "fair_exhibitors" USING btree ("fair_id","stand_zone","stand_number");--> statement-breakpoint
CREATE INDEX "fair_exhibitors_fair_status" ON "fair_exhibitors" USING btree ("fair_id","status");
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"territory" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"call_opens_at" timestamp with time zone,
	"call_closes_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"edits_require_moderation" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "event_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"campaign_id" uuid,
	"organizer_organization_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"description" text,
	"format" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"audiences" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"timezone" text DEFAULT 'Europe/Paris' NOT NULL,
	"recurrence_rule" text,
	"last_ends_at" timestamp with time zone,
	"venue_name" text,
	"venue_address" text,
	"postal_code" text,
	"commune_code" text,
	"commune_name" text,
	"epci_code" text,
	"department_code" text,
	"region_code" text,
	"latitude" double precision,
	"longitude" double precision,
	"online_url" text,
	"accessibility" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_free" boolean DEFAULT true NOT NULL,
	"price_text" text,
	"registration_mode" text DEFAULT 'none' NOT NULL,
	"capacity" integer,
	"registration_url" text,
	"registration_closes_at" timestamp with time zone,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"image_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"pending_edit" jsonb,
	"pending_edit_status" text,
	"moderation_message" text,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"copied_from_id" uuid,
	"created_by" uuid,
	"search_text" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_images" ADD CONSTRAINT "event_images_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_network" ON "campaigns" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "events_campaign_status_start" ON "events" USING btree ("campaign_id","status","starts_at");--> statement-breakpoint
CREATE INDEX "events_status_start" ON "events" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "events_network" ON "events" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "events_department" ON "events" USING btree ("department_code");--> statement-breakpoint
CREATE INDEX "events_organizers" ON "events" USING gin ("organizer_organization_ids");
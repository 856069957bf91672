CREATE TABLE "youth_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"young_people" integer NOT NULL,
	"message" text NOT NULL,
	"interaction_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "youth_hosted" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"count" integer NOT NULL,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "youth_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occupation" text NOT NULL,
	"description" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"period" text,
	"places" integer NOT NULL,
	"commune_code" text NOT NULL,
	"level" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"public_contact" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "youth_school_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "youth_answers" ADD CONSTRAINT "youth_answers_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_answers" ADD CONSTRAINT "youth_answers_offer_id_youth_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."youth_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_answers" ADD CONSTRAINT "youth_answers_contact_id_relation_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."relation_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_hosted" ADD CONSTRAINT "youth_hosted_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_hosted" ADD CONSTRAINT "youth_hosted_offer_id_youth_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."youth_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_hosted" ADD CONSTRAINT "youth_hosted_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_offers" ADD CONSTRAINT "youth_offers_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_offers" ADD CONSTRAINT "youth_offers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_school_links" ADD CONSTRAINT "youth_school_links_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "youth_school_links" ADD CONSTRAINT "youth_school_links_contact_id_relation_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."relation_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "youth_answers_offer" ON "youth_answers" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "youth_answers_contact" ON "youth_answers" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "youth_hosted_offer_year" ON "youth_hosted" USING btree ("offer_id","year");--> statement-breakpoint
CREATE INDEX "youth_hosted_network" ON "youth_hosted" USING btree ("network_id","year");--> statement-breakpoint
CREATE INDEX "youth_offers_network" ON "youth_offers" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "youth_offers_member" ON "youth_offers" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "youth_school_links_token" ON "youth_school_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "youth_school_links_contact" ON "youth_school_links" USING btree ("contact_id");
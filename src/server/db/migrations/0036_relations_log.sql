CREATE TABLE "relation_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"organization_name" text,
	"email" text,
	"phone" text,
	"territory_code" text,
	"organization_id" uuid,
	"notes" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"last_name" text,
	"first_name" text,
	"sex" text,
	"register_key" text,
	"search_text" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relation_interaction_contacts" (
	"interaction_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	CONSTRAINT "relation_interaction_contacts_interaction_id_contact_id_pk" PRIMARY KEY("interaction_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "relation_interactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"summary" text NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"organization_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"territory_code" text,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relation_mandates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"mandate" text NOT NULL,
	"territory_code" text NOT NULL,
	"function_label" text,
	"started_on" date,
	"function_started_on" date,
	"ended_on" date,
	"import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relation_register_rows" (
	"import_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"register_key" text NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"sex" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"search_text" text NOT NULL,
	"territory_code" text NOT NULL,
	"function_label" text,
	"started_on" date,
	"function_started_on" date
);
--> statement-breakpoint
CREATE TABLE "relation_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"owner_id" uuid NOT NULL,
	"contact_id" uuid,
	"interaction_id" uuid,
	"done_at" timestamp with time zone,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "relation_contacts" ADD CONSTRAINT "relation_contacts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_contacts" ADD CONSTRAINT "relation_contacts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_interaction_contacts" ADD CONSTRAINT "relation_interaction_contacts_interaction_id_relation_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."relation_interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_interaction_contacts" ADD CONSTRAINT "relation_interaction_contacts_contact_id_relation_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."relation_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_interactions" ADD CONSTRAINT "relation_interactions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_mandates" ADD CONSTRAINT "relation_mandates_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_mandates" ADD CONSTRAINT "relation_mandates_contact_id_relation_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."relation_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_register_rows" ADD CONSTRAINT "relation_register_rows_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_tasks" ADD CONSTRAINT "relation_tasks_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_tasks" ADD CONSTRAINT "relation_tasks_owner_id_accounts_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_tasks" ADD CONSTRAINT "relation_tasks_contact_id_relation_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."relation_contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_tasks" ADD CONSTRAINT "relation_tasks_interaction_id_relation_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."relation_interactions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relation_contacts_network" ON "relation_contacts" USING btree ("network_id","name");--> statement-breakpoint
CREATE INDEX "relation_contacts_territory" ON "relation_contacts" USING btree ("network_id","territory_code");--> statement-breakpoint
CREATE UNIQUE INDEX "relation_contacts_register" ON "relation_contacts" USING btree ("network_id","register_key") WHERE register_key is not null;--> statement-breakpoint
CREATE INDEX "relation_interaction_contacts_contact" ON "relation_interaction_contacts" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "relation_interactions_network" ON "relation_interactions" USING btree ("network_id","on");--> statement-breakpoint
CREATE INDEX "relation_interactions_territory" ON "relation_interactions" USING btree ("network_id","territory_code");--> statement-breakpoint
CREATE UNIQUE INDEX "relation_mandates_key" ON "relation_mandates" USING btree ("contact_id","mandate","territory_code");--> statement-breakpoint
CREATE INDEX "relation_mandates_network" ON "relation_mandates" USING btree ("network_id","mandate","import_id");--> statement-breakpoint
CREATE INDEX "relation_register_rows_import" ON "relation_register_rows" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "relation_tasks_owner" ON "relation_tasks" USING btree ("owner_id","due_on") WHERE done_at is null;--> statement-breakpoint
CREATE INDEX "relation_tasks_contact" ON "relation_tasks" USING btree ("contact_id");
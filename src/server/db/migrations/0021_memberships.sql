CREATE TABLE "member_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"email" text,
	"phone" text,
	"account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"on" date NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"status_since" date NOT NULL,
	"member_since" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"organization_id" uuid,
	"new_organization" jsonb,
	"contacts" jsonb NOT NULL,
	"applicant_email" text NOT NULL,
	"message" text,
	"terms_version" text NOT NULL,
	"terms_text" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_message" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_document_counters" (
	"network_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	"last_issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "membership_document_counters_network_id_year_pk" PRIMARY KEY("network_id","year")
);
--> statement-breakpoint
CREATE TABLE "membership_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"period_id" uuid,
	"payment_id" uuid,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"amount_ht_cents" integer NOT NULL,
	"vat_cents" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"cancels_document_id" uuid,
	"content" jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"method" text NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text,
	"recorded_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_payments_amount" CHECK ("membership_payments"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "membership_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"kind" text NOT NULL,
	"amount_ht_cents" integer NOT NULL,
	"vat_rate_bp" integer,
	"amount_cents" integer NOT NULL,
	"state" text DEFAULT 'called' NOT NULL,
	"paid_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_periods_dates" CHECK ("membership_periods"."ends_on" >= "membership_periods"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "membership_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"price_cents" integer NOT NULL,
	"vat_rate_bp" integer,
	"eligibility" text DEFAULT 'any' NOT NULL,
	"eligible_values" text[] DEFAULT '{}'::text[] NOT NULL,
	"contacts_limit" integer,
	"period_kind" text DEFAULT 'calendar' NOT NULL,
	"season_start" text,
	"pro_rata" text DEFAULT 'none' NOT NULL,
	"late_join_from" text,
	"grace_days" integer DEFAULT 30 NOT NULL,
	"reminder_days" integer[] DEFAULT '{-30,-7,0,15}'::integer[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_plans_price" CHECK ("membership_plans"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "membership_reminders" (
	"period_id" uuid NOT NULL,
	"offset_days" integer NOT NULL,
	"outcome" text NOT NULL,
	"outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_reminders_period_id_offset_days_pk" PRIMARY KEY("period_id","offset_days")
);
--> statement-breakpoint
CREATE TABLE "membership_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"address" text,
	"siret" text,
	"vat_number" text,
	"iban" text,
	"bic" text,
	"payment_instructions" text,
	"terms_text" text DEFAULT '' NOT NULL,
	"terms_version" text DEFAULT '1' NOT NULL,
	"founded_year" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "member_contacts" ADD CONSTRAINT "member_contacts_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_status_changes" ADD CONSTRAINT "member_status_changes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_plan_id_membership_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."membership_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_payments" ADD CONSTRAINT "membership_payments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_payments" ADD CONSTRAINT "membership_payments_period_id_membership_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."membership_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_periods" ADD CONSTRAINT "membership_periods_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_periods" ADD CONSTRAINT "membership_periods_plan_id_membership_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."membership_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_plans" ADD CONSTRAINT "membership_plans_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_reminders" ADD CONSTRAINT "membership_reminders_period_id_membership_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."membership_periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_settings" ADD CONSTRAINT "membership_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_contacts_member" ON "member_contacts" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_contacts_account" ON "member_contacts" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "member_status_changes_member" ON "member_status_changes" USING btree ("member_id","on");--> statement-breakpoint
CREATE UNIQUE INDEX "members_network_org" ON "members" USING btree ("network_id","organization_id");--> statement-breakpoint
CREATE INDEX "members_network_status" ON "members" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "membership_applications_network" ON "membership_applications" USING btree ("network_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_documents_series" ON "membership_documents" USING btree ("network_id","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_documents_number" ON "membership_documents" USING btree ("network_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_documents_cancels" ON "membership_documents" USING btree ("cancels_document_id");--> statement-breakpoint
CREATE INDEX "membership_documents_member" ON "membership_documents" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "membership_payments_period" ON "membership_payments" USING btree ("period_id");--> statement-breakpoint
CREATE UNIQUE INDEX "membership_periods_member_start" ON "membership_periods" USING btree ("member_id","starts_on");--> statement-breakpoint
CREATE INDEX "membership_periods_network_end" ON "membership_periods" USING btree ("network_id","ends_on");--> statement-breakpoint
CREATE INDEX "membership_periods_member" ON "membership_periods" USING btree ("member_id","ends_on");--> statement-breakpoint
CREATE INDEX "membership_plans_network" ON "membership_plans" USING btree ("network_id");
CREATE TABLE "gtec_answers" (
	"recipient_id" uuid PRIMARY KEY NOT NULL,
	"wave_id" uuid NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gtec_questionnaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gtec_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"wave_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"invited_email" text,
	"submitted_at" timestamp with time zone,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"last_reminded_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gtec_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_id" uuid NOT NULL,
	"run_key" text NOT NULL,
	"outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gtec_waves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"title" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"audience" text NOT NULL,
	"rotating_question" text,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rome_appellations" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"short_label" text,
	"rome_code" text NOT NULL,
	"folded" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rome_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"domain_code" text NOT NULL,
	"ogr" text
);
--> statement-breakpoint
CREATE TABLE "rome_domains" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text
);
--> statement-breakpoint
CREATE TABLE "rome_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" text NOT NULL,
	"source" text NOT NULL,
	"codes" integer NOT NULL,
	"appellations" integer NOT NULL,
	"domains" integer NOT NULL,
	"is_excerpt" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gtec_answers" ADD CONSTRAINT "gtec_answers_recipient_id_gtec_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."gtec_recipients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gtec_answers" ADD CONSTRAINT "gtec_answers_questionnaire_id_gtec_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."gtec_questionnaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gtec_recipients" ADD CONSTRAINT "gtec_recipients_wave_id_gtec_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."gtec_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gtec_recipients" ADD CONSTRAINT "gtec_recipients_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gtec_recipients" ADD CONSTRAINT "gtec_recipients_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gtec_reminders" ADD CONSTRAINT "gtec_reminders_recipient_id_gtec_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."gtec_recipients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gtec_waves" ADD CONSTRAINT "gtec_waves_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gtec_waves" ADD CONSTRAINT "gtec_waves_questionnaire_id_gtec_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."gtec_questionnaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gtec_questionnaires_version" ON "gtec_questionnaires" USING btree ("kind","version");--> statement-breakpoint
CREATE UNIQUE INDEX "gtec_recipients_member" ON "gtec_recipients" USING btree ("wave_id","member_id");--> statement-breakpoint
CREATE INDEX "gtec_recipients_org" ON "gtec_recipients" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gtec_reminders_once" ON "gtec_reminders" USING btree ("recipient_id","run_key");--> statement-breakpoint
CREATE INDEX "gtec_waves_network" ON "gtec_waves" USING btree ("network_id","opens_on");--> statement-breakpoint
CREATE INDEX "rome_appellations_folded_trgm" ON "rome_appellations" USING gin ("folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "rome_appellations_rome" ON "rome_appellations" USING btree ("rome_code");
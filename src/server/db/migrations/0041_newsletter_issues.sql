CREATE TABLE "newsletter_bounces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_id" uuid,
	"email" text,
	"kind" text NOT NULL,
	"status" text,
	"diagnostic" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "newsletter_issue_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issue_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"list_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"claim_token" uuid,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"message_id" text,
	"error" text,
	"sent_at" timestamp with time zone,
	"bounce" text,
	"bounced_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "newsletter_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"list_id" uuid,
	"subject" text DEFAULT '' NOT NULL,
	"preheader" text,
	"sender_name" text,
	"reply_to" text,
	"body_markdown" text DEFAULT '' NOT NULL,
	"segment" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"rate_per_second" integer,
	"rendered_html" text,
	"rendered_text" text,
	"send_slot_at" timestamp with time zone,
	"recipient_count" integer,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "newsletter_sending_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"sender_name" text,
	"from_address" text,
	"reply_to" text,
	"dkim_domain" text,
	"dkim_selector" text,
	"dkim_private_key" text,
	"rate_per_second" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "newsletter_bounces" ADD CONSTRAINT "newsletter_bounces_recipient_id_newsletter_issue_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."newsletter_issue_recipients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_issue_recipients" ADD CONSTRAINT "newsletter_issue_recipients_issue_id_newsletter_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."newsletter_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_issue_recipients" ADD CONSTRAINT "newsletter_issue_recipients_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_issues" ADD CONSTRAINT "newsletter_issues_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_issues" ADD CONSTRAINT "newsletter_issues_list_id_newsletter_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."newsletter_lists"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_issues" ADD CONSTRAINT "newsletter_issues_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_sending_settings" ADD CONSTRAINT "newsletter_sending_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "newsletter_bounces_email" ON "newsletter_bounces" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "newsletter_issue_recipients_issue_email" ON "newsletter_issue_recipients" USING btree ("issue_id","email");--> statement-breakpoint
CREATE INDEX "newsletter_issue_recipients_due" ON "newsletter_issue_recipients" USING btree ("issue_id") WHERE status in ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "newsletter_issue_recipients_status" ON "newsletter_issue_recipients" USING btree ("issue_id","status");--> statement-breakpoint
CREATE INDEX "newsletter_issue_recipients_message" ON "newsletter_issue_recipients" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "newsletter_issues_network" ON "newsletter_issues" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "newsletter_issues_active" ON "newsletter_issues" USING btree ("status") WHERE status = 'sending';
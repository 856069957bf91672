CREATE TABLE "helloasso_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"order_id" integer NOT NULL,
	"state" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"paid_on" date NOT NULL,
	"payer_name" text,
	"payer_email" text,
	"siret" text,
	"reason" text,
	"member_id" uuid,
	"payment_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "helloasso_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"organization_slug" text NOT NULL,
	"form_slug" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text,
	"notification_key" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "helloasso_orders" ADD CONSTRAINT "helloasso_orders_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helloasso_orders" ADD CONSTRAINT "helloasso_orders_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helloasso_orders" ADD CONSTRAINT "helloasso_orders_payment_id_membership_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."membership_payments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helloasso_settings" ADD CONSTRAINT "helloasso_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "helloasso_orders_network_order" ON "helloasso_orders" USING btree ("network_id","order_id");--> statement-breakpoint
CREATE INDEX "helloasso_orders_network_state" ON "helloasso_orders" USING btree ("network_id","state");
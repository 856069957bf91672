CREATE TABLE "exchange_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"naf_section" text,
	"territory_code" text,
	"expires_on" date NOT NULL,
	"visibility" text DEFAULT 'members' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('french', search_text)) STORED,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "introductions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"member_a_id" uuid NOT NULL,
	"member_b_id" uuid NOT NULL,
	"post_id" uuid,
	"message" text,
	"requested_by" uuid,
	"token_hash_a" text NOT NULL,
	"token_hash_b" text NOT NULL,
	"answer_a" text DEFAULT 'pending' NOT NULL,
	"answer_b" text DEFAULT 'pending' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"followup_sent_at" timestamp with time zone,
	"outcome" text,
	"outcome_amount_cents" integer,
	"outcome_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_posts" ADD CONSTRAINT "exchange_posts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_posts" ADD CONSTRAINT "exchange_posts_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_member_a_id_members_id_fk" FOREIGN KEY ("member_a_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_member_b_id_members_id_fk" FOREIGN KEY ("member_b_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_post_id_exchange_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."exchange_posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_posts_network" ON "exchange_posts" USING btree ("network_id","expires_on");--> statement-breakpoint
CREATE INDEX "exchange_posts_member" ON "exchange_posts" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "exchange_posts_search" ON "exchange_posts" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "introductions_network" ON "introductions" USING btree ("network_id","created_at");--> statement-breakpoint
CREATE INDEX "introductions_member_a" ON "introductions" USING btree ("member_a_id");--> statement-breakpoint
CREATE INDEX "introductions_member_b" ON "introductions" USING btree ("member_b_id");--> statement-breakpoint
CREATE UNIQUE INDEX "introductions_token_a" ON "introductions" USING btree ("token_hash_a");--> statement-breakpoint
CREATE UNIQUE INDEX "introductions_token_b" ON "introductions" USING btree ("token_hash_b");--> statement-breakpoint
CREATE INDEX "introductions_followup" ON "introductions" USING btree ("status","decided_at") WHERE followup_sent_at is null;
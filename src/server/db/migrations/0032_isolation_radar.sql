CREATE TABLE "member_followups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"on" date NOT NULL,
	"note" text NOT NULL,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "sponsor_member_id" uuid;--> statement-breakpoint
ALTER TABLE "member_followups" ADD CONSTRAINT "member_followups_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_followups" ADD CONSTRAINT "member_followups_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_followups_member" ON "member_followups" USING btree ("member_id","on");--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_sponsor_member_id_members_id_fk" FOREIGN KEY ("sponsor_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;
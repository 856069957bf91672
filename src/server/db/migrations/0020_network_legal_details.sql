CREATE TABLE "network_legal_details" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"address" text NOT NULL,
	"siret" text,
	"publication_director" text NOT NULL,
	"data_contact" text NOT NULL,
	"host" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_legal_details" ADD CONSTRAINT "network_legal_details_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;
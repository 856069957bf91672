CREATE TABLE "observatory_aggregates" (
	"snapshot_id" integer NOT NULL,
	"territory_code" text NOT NULL,
	"family" text NOT NULL,
	"naf_section" text NOT NULL,
	"headcount_bracket" text NOT NULL,
	"is_public" boolean NOT NULL,
	"establishments" integer NOT NULL,
	"jobs_low" real NOT NULL,
	"jobs_central" real NOT NULL,
	"jobs_high" real NOT NULL,
	"max_jobs" real NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observatory_establishments" (
	"snapshot_id" integer NOT NULL,
	"siret" text NOT NULL,
	"siren" text NOT NULL,
	"name" text,
	"commune_code" text NOT NULL,
	"epci_code" text,
	"department_code" text NOT NULL,
	"region_code" text NOT NULL,
	"naf_code" text,
	"naf_section" text,
	"headcount_bracket" text,
	"is_employer" boolean NOT NULL,
	"is_head_office" boolean NOT NULL,
	CONSTRAINT "observatory_establishments_snapshot_id_siret_pk" PRIMARY KEY("snapshot_id","siret")
);
--> statement-breakpoint
CREATE TABLE "observatory_legal_units" (
	"snapshot_id" integer NOT NULL,
	"siren" text NOT NULL,
	"name" text,
	"legal_category" text,
	"naf_code" text,
	"ess_flag" text,
	"family" text NOT NULL,
	"is_public" boolean NOT NULL,
	"diffusion" text NOT NULL,
	CONSTRAINT "observatory_legal_units_snapshot_id_siren_pk" PRIMARY KEY("snapshot_id","siren")
);
--> statement-breakpoint
CREATE TABLE "observatory_official_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_code" text NOT NULL,
	"year" integer NOT NULL,
	"family" text DEFAULT 'all' NOT NULL,
	"jobs" real,
	"fte" real,
	"payroll" real,
	"establishments" real,
	"private_jobs_share" real,
	"source" text NOT NULL,
	"source_url" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observatory_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"status" text DEFAULT 'loading' NOT NULL,
	"scope" text NOT NULL,
	"settings" text NOT NULL,
	"stats" text DEFAULT '{}' NOT NULL,
	"source_legal_units" text NOT NULL,
	"source_establishments" text NOT NULL,
	"format_version" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "observatory_aggregates_lookup" ON "observatory_aggregates" USING btree ("snapshot_id","territory_code");--> statement-breakpoint
CREATE UNIQUE INDEX "observatory_official_figures_key" ON "observatory_official_figures" USING btree ("territory_code","year","family","source");--> statement-breakpoint
CREATE INDEX "observatory_official_figures_territory" ON "observatory_official_figures" USING btree ("territory_code");--> statement-breakpoint
CREATE INDEX "observatory_snapshots_month" ON "observatory_snapshots" USING btree ("month","status");
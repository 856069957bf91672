CREATE TABLE "observatory_secret_cells" (
	"snapshot_id" integer NOT NULL,
	"territory_code" text NOT NULL,
	"dimension" text NOT NULL,
	"category" text NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "observatory_secret_cells_snapshot_id_territory_code_dimension_category_pk" PRIMARY KEY("snapshot_id","territory_code","dimension","category")
);
--> statement-breakpoint
ALTER TABLE "observatory_snapshots" ADD COLUMN "secrecy_planned_at" timestamp with time zone;
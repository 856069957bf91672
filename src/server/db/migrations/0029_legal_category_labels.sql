CREATE TABLE "legal_category_labels" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);

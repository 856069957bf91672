DROP INDEX "organizations_department";--> statement-breakpoint
DROP INDEX "organizations_name";--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "search_description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "name_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('french', search_text), 'A') || setweight(to_tsvector('french', search_description), 'B')) STORED;--> statement-breakpoint
CREATE INDEX "organizations_search_vector" ON "organizations" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "organizations_name_key" ON "organizations" USING btree ("name_key","id");--> statement-breakpoint
CREATE INDEX "organizations_department_name" ON "organizations" USING btree ("department_code","name_key");--> statement-breakpoint
CREATE INDEX "organizations_naf_section" ON "organizations" USING btree ("naf_section");--> statement-breakpoint
CREATE INDEX "organizations_headcount" ON "organizations" USING btree ("headcount_bracket");--> statement-breakpoint
CREATE INDEX "organizations_tags" ON "organizations" USING gin ("tags");

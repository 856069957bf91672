CREATE TABLE "organization_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "organization_words_trgm" ON "organization_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_updated" ON "organizations" USING btree ("updated_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE OR REPLACE FUNCTION organization_words_collect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organization_words (word)
    SELECT DISTINCT w FROM regexp_split_to_table(NEW.search_text, ' ') AS w WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
    ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER organizations_words_collect AFTER INSERT OR UPDATE OF search_text ON organizations
  FOR EACH ROW EXECUTE FUNCTION organization_words_collect();--> statement-breakpoint
INSERT INTO organization_words (word)
  SELECT DISTINCT w FROM organizations, regexp_split_to_table(search_text, ' ') AS w WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
  ON CONFLICT DO NOTHING;

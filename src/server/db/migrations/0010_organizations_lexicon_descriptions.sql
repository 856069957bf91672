-- The search lexicon also takes the words of descriptions, so that a correctly spelt description word is known
-- (no typo lookup) and a misspelt one can be corrected into it.
CREATE OR REPLACE FUNCTION organization_words_collect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organization_words (word)
    SELECT DISTINCT w FROM regexp_split_to_table(NEW.search_text || ' ' || NEW.search_description, ' ') AS w
    WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
    ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS organizations_words_collect ON organizations;--> statement-breakpoint
CREATE TRIGGER organizations_words_collect AFTER INSERT OR UPDATE OF search_text, search_description ON organizations
  FOR EACH ROW EXECUTE FUNCTION organization_words_collect();--> statement-breakpoint
INSERT INTO organization_words (word)
  SELECT DISTINCT w FROM organizations, regexp_split_to_table(search_description, ' ') AS w
  WHERE length(w) >= 3 AND w !~ '^[0-9]+$'
  ON CONFLICT DO NOTHING;

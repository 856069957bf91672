DROP INDEX "organization_words_trgm";--> statement-breakpoint
CREATE INDEX "organization_words_trgm_gist" ON "organization_words" USING gist ("word" gist_trgm_ops);
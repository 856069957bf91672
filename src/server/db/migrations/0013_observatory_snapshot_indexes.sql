ALTER TABLE "observatory_establishments" DROP CONSTRAINT "observatory_establishments_snapshot_id_siret_pk";--> statement-breakpoint
ALTER TABLE "observatory_legal_units" DROP CONSTRAINT "observatory_legal_units_snapshot_id_siren_pk";--> statement-breakpoint
CREATE INDEX "observatory_establishments_snapshot" ON "observatory_establishments" USING btree ("snapshot_id");--> statement-breakpoint
CREATE INDEX "observatory_legal_units_snapshot" ON "observatory_legal_units" USING btree ("snapshot_id");
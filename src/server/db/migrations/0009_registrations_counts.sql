ALTER TABLE "event_registration_counters" ADD COLUMN "confirmed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "event_registration_counters" ADD COLUMN "waitlisted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "event_registration_counters" ADD COLUMN "last_status" text;--> statement-breakpoint
-- Backfill: the counts of registrations made before this migration.
UPDATE "event_registration_counters" AS k SET
  "confirmed" = (SELECT count(*) FROM "event_registrations" r WHERE r."event_id" = k."event_id" AND r."status" = 'confirmed'),
  "waitlisted" = (SELECT count(*) FROM "event_registrations" r WHERE r."event_id" = k."event_id" AND r."status" = 'waitlisted');

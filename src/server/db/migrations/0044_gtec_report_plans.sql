CREATE TABLE "gtec_report_plans" (
	"wave_id" uuid PRIMARY KEY NOT NULL,
	"digest" text NOT NULL,
	"final" boolean DEFAULT false NOT NULL,
	"respondents" integer NOT NULL,
	"plan" jsonb NOT NULL,
	"stats" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gtec_report_plans" ADD CONSTRAINT "gtec_report_plans_wave_id_gtec_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."gtec_waves"("id") ON DELETE cascade ON UPDATE no action;
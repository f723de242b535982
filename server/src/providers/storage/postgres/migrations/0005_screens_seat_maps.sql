CREATE TABLE "cinemas" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screens" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"cinema_id" text NOT NULL,
	"layout" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "seat_claims" ALTER COLUMN "booking_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "screen_id" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "screen_name" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "cinema_id" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "prices_minor" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_screen_id_screens_id_fk" FOREIGN KEY ("screen_id") REFERENCES "public"."screens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- btree_gist lets one exclusion constraint compare the screen (=) and the time range (&&) together.
-- It is a trusted extension (PostgreSQL 13+): a database owner may create it; PGlite loads it
-- from @electric-sql/pglite/contrib/btree_gist (see openPgliteStorage).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_screen_has_end" CHECK ("screen_id" IS NULL OR "ends_at" > "starts_at");
--> statement-breakpoint
-- Two shows on sale never occupy one screen at once, however many admins schedule together:
-- the index behind the constraint decides, as the primary key does for seats. Shows without a
-- screen (scheduled before screens existed) and cancelled shows occupy nothing.
ALTER TABLE "shows" ADD CONSTRAINT "shows_screen_no_overlap"
  EXCLUDE USING gist ("screen_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("cancelled_at" IS NULL);
--> statement-breakpoint
-- A blocked seat (no booking) is off sale until unblocked: it never lapses like a hold.
ALTER TABLE "seat_claims" ADD CONSTRAINT "seat_claims_blocked_never_expires" CHECK ("booking_id" IS NOT NULL OR "expires_at" IS NULL);

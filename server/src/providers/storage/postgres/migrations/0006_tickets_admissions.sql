CREATE TABLE "admissions" (
	"booking_id" uuid NOT NULL,
	"seat" text NOT NULL,
	"show_id" uuid NOT NULL,
	"admitted_at" timestamp with time zone NOT NULL,
	"admitted_by" text NOT NULL,
	"admitted_by_name" text NOT NULL,
	"device" text,
	CONSTRAINT "admissions_booking_id_seat_pk" PRIMARY KEY("booking_id","seat")
);
--> statement-breakpoint
CREATE TABLE "app_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admissions_show_idx" ON "admissions" USING btree ("show_id");
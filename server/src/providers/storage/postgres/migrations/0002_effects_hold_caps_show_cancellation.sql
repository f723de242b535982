CREATE TABLE "effects" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"booking_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "effects" ADD CONSTRAINT "effects_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "effects_due_idx" ON "effects" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "bookings_status_paid_idx" ON "bookings" USING btree ("status","paid_at");--> statement-breakpoint
CREATE INDEX "bookings_user_held_idx" ON "bookings" USING btree ("user_id") WHERE status = 'held';--> statement-breakpoint
-- Paid bookings whose confirmation mail was never queued (a crash lost the in-memory event that
-- used to send it) are owed it still.
INSERT INTO "effects" ("id", "kind", "booking_id", "status", "attempts", "next_attempt_at", "created_at")
SELECT 'booking.paid:' || b.id, 'booking.paid', b.id, 'pending', 0, now(), now()
FROM "bookings" b
WHERE b.status = 'paid'
  AND NOT EXISTS (SELECT 1 FROM "mail_outbox" m WHERE m.dedupe_key = 'confirmation:' || b.id);
--> statement-breakpoint
DROP FUNCTION hold_seats(uuid, text, uuid, text[], integer, text, timestamptz, timestamptz);
--> statement-breakpoint
-- Holds seats for a new booking in one round trip: the caps on what one user may hold, the booking
-- row and every seat claim are decided and written together, or nothing is written and the answer
-- says why: {"taken": [seats]}, {"cap": "holds_per_show" | "seats_across_shows", "live": n} or
-- {"cancelled": true}.
-- Locking the user's row serialises that user's concurrent holds, so the caps are counted on what
-- is really there; other users' holds never wait on it. The (show_id, seat) primary key still
-- serialises racing buyers of a seat. It answers instead of raising because node-postgres drops a
-- pooled connection after a failed query; the inner block undoes the booking when a seat is taken.
CREATE FUNCTION hold_seats(
  p_booking uuid, p_user text, p_show uuid, p_seats text[], p_amount integer,
  p_currency text, p_expires timestamptz, p_now timestamptz, p_max_holds integer, p_max_seats integer
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  claimed text[];
  missing text[] := '{}';
  holds_on_show integer;
  seats_held integer;
BEGIN
  -- A show the cinema cancelled sells nothing more (a hold racing the cancellation may still slip
  -- in; its payment is refunded by the domain, which checks the show again).
  IF EXISTS (SELECT 1 FROM shows WHERE id = p_show AND cancelled_at IS NOT NULL) THEN
    RETURN jsonb_build_object('cancelled', true);
  END IF;
  PERFORM 1 FROM users WHERE id = p_user FOR NO KEY UPDATE;
  SELECT count(*) FILTER (WHERE show_id = p_show), coalesce(sum(jsonb_array_length(seats)), 0)
    INTO holds_on_show, seats_held
    FROM bookings WHERE user_id = p_user AND status = 'held' AND hold_expires_at > p_now;
  IF holds_on_show >= p_max_holds THEN
    RETURN jsonb_build_object('cap', 'holds_per_show', 'live', holds_on_show);
  END IF;
  IF seats_held + cardinality(p_seats) > p_max_seats THEN
    RETURN jsonb_build_object('cap', 'seats_across_shows', 'live', seats_held);
  END IF;

  BEGIN
    INSERT INTO bookings (id, user_id, show_id, seats, amount_minor, currency, status, hold_expires_at, created_at, updated_at)
    VALUES (p_booking, p_user, p_show, to_jsonb(p_seats), p_amount, p_currency, 'held', p_expires, p_now, p_now);

    WITH taken AS (
      INSERT INTO seat_claims (show_id, seat, booking_id, expires_at)
      SELECT p_show, s, p_booking, p_expires FROM unnest(p_seats) AS s
      ON CONFLICT (show_id, seat) DO UPDATE
        SET booking_id = excluded.booking_id, expires_at = excluded.expires_at
        WHERE seat_claims.expires_at IS NOT NULL AND seat_claims.expires_at <= p_now
      RETURNING seat
    )
    SELECT coalesce(array_agg(seat), '{}') INTO claimed FROM taken;

    SELECT coalesce(array_agg(s ORDER BY ord), '{}') INTO missing
    FROM unnest(p_seats) WITH ORDINALITY AS u(s, ord)
    WHERE NOT (s = ANY (claimed));

    IF cardinality(missing) > 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'QS409';
    END IF;
  EXCEPTION WHEN SQLSTATE 'QS409' THEN
    RETURN jsonb_build_object('taken', to_jsonb(missing));
  END;
  RETURN jsonb_build_object('taken', '[]'::jsonb);
END
$$;

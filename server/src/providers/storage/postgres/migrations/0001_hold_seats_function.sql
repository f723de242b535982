-- Holds seats for a new booking in one round trip and one atomic statement: the booking row and
-- every seat claim are written together, or, when any seat belongs to someone else (a claim that
-- is not a lapsed hold), nothing is written and the function returns those seats. The
-- (show_id, seat) primary key still serialises racing buyers.
-- It answers instead of raising because node-postgres drops a pooled connection after any failed
-- query, so a rush of 409s would pay for a new connection each. The inner block undoes the booking
-- and claims when a seat is taken (plpgsql variables keep their values past the caught exception).
CREATE FUNCTION hold_seats(
  p_booking uuid, p_user text, p_show uuid, p_seats text[], p_amount integer,
  p_currency text, p_expires timestamptz, p_now timestamptz
) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
  claimed text[];
  missing text[] := '{}';
BEGIN
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
    RETURN missing;
  END;
  RETURN missing;
END
$$;

-- Lets a ticket in at the door in one round trip, its plans kept by the session: the booking is
-- read and locked against a concurrent cancellation (FOR SHARE), the admission inserted only while
-- the booking has p_status, is for p_show and holds p_seat, and at most once per ticket (the
-- primary key; a concurrent scan waits for the first insert and then writes nothing). Each
-- statement takes its own snapshot, so the earlier admission read after a lost race is seen.
-- Answers {"booking", "holder", "qualifies", "written" | "earlier"}, or null for no such booking.
CREATE FUNCTION admit_ticket(
  p_booking uuid, p_seat text, p_show uuid, p_admitted_at timestamptz, p_admitted_by text,
  p_admitted_by_name text, p_device text, p_status text, p_removed_email_pattern text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  judged bookings;
  holder text;
  written admissions;
  earlier admissions;
BEGIN
  SELECT * INTO judged FROM bookings WHERE id = p_booking FOR SHARE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  SELECT name INTO holder FROM users WHERE id = judged.user_id AND email NOT LIKE p_removed_email_pattern;
  IF judged.status <> p_status OR judged.show_id <> p_show OR NOT judged.seats @> jsonb_build_array(p_seat) THEN
    RETURN jsonb_build_object('booking', to_jsonb(judged), 'holder', holder, 'qualifies', false);
  END IF;
  INSERT INTO admissions (booking_id, seat, show_id, admitted_at, admitted_by, admitted_by_name, device)
  VALUES (p_booking, p_seat, p_show, p_admitted_at, p_admitted_by, p_admitted_by_name, p_device)
  ON CONFLICT DO NOTHING
  RETURNING * INTO written;
  IF FOUND THEN
    RETURN jsonb_build_object('booking', to_jsonb(judged), 'holder', holder, 'qualifies', true, 'written', to_jsonb(written));
  END IF;
  SELECT * INTO earlier FROM admissions WHERE booking_id = p_booking AND seat = p_seat;
  RETURN jsonb_build_object('booking', to_jsonb(judged), 'holder', holder, 'qualifies', true, 'earlier', to_jsonb(earlier));
END;
$$;

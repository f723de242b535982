-- One film may play on two screens at one hour: a screen's time is kept unique by the exclusion
-- constraint shows_screen_no_overlap. Shows without a screen claim no screen time, so for them
-- the film and its time stay the key.
DROP INDEX "shows_movie_starts_key";--> statement-breakpoint
CREATE UNIQUE INDEX "shows_unscreened_movie_starts_key" ON "shows" USING btree ("movie_id","starts_at") WHERE "shows"."screen_id" is null;
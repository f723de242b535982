import { z } from "zod";
import { isoInstantSchema, movieIdSchema, ok, showIdSchema } from "./common.ts";
import { movieSchema } from "./movies.ts";
import { categoryIdSchema, cinemaIdSchema, screenIdSchema, seatLayoutSchema } from "./venues.ts";

export const seatIdSchema = z.string().regex(/^[A-Z]{1,2}[1-9]\d?$/, "must be a seat such as A1");

export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD");
export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time as HH:MM (24-hour)");

/** Prices travel in major units (12.5 = $12.50) as QuickShow sends them; at most two decimals. */
export const priceSchema = z
  .number()
  .positive("must be more than zero")
  .max(10_000, "must be at most 10000")
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "must have at most two decimals");

export const addShowsRequestSchema = z.object({
  // TMDB's numeric id (as the now-playing list gives it) or the same digits as a string.
  movieId: z.union([movieIdSchema, z.number().int().min(1).max(9_999_999_999).transform(String)]),
  showsInput: z
    .array(
      z.object({
        date: localDateSchema,
        time: z.array(localTimeSchema).min(1).max(48),
      }),
    )
    .min(1)
    .max(62),
  /** The price of every category not named in `prices`. */
  showPrice: priceSchema,
  /** The screen to play on; the default screen when absent. */
  screenId: screenIdSchema.optional(),
  /** Price per seat category (major units); categories left out cost `showPrice`. */
  prices: z.record(categoryIdSchema, priceSchema).optional(),
});
export type AddShowsRequest = z.infer<typeof addShowsRequestSchema>;

export const showSchema = z.object({
  _id: showIdSchema,
  movie: movieIdSchema,
  showDateTime: isoInstantSchema,
  /** The lowest price of a seat (QuickShow's single price). */
  showPrice: z.number(),
  /** The seat map the show was scheduled with: editing the screen later never changes it. */
  layout: seatLayoutSchema,
  /** Price of each category of `layout`, major units. */
  prices: z.record(z.string(), z.number()),
  /** Null for a show scheduled before screens existed. */
  screen: z.object({ _id: screenIdSchema, name: z.string(), cinema: cinemaIdSchema }).nullable(),
});
export type Show = z.infer<typeof showSchema>;

/** A show as a booking names it: without its seat map, which the show's own routes serve. */
export const showSummarySchema = showSchema.omit({ layout: true });
export type ShowSummary = z.infer<typeof showSummarySchema>;

export const addShowsResponseSchema = ok({
  message: z.string(),
  shows: z.array(showSchema),
});

/**
 * A movie as TMDB's `/movie/now_playing` lists it, as QuickShow passes it on: TMDB's numeric `id`
 * and `genre_ids` beside our fields, so clients written for TMDB's results work unchanged.
 */
export const nowPlayingMovieSchema = movieSchema.extend({ id: z.number().int().positive(), genre_ids: z.array(z.number().int()) });
export const nowPlayingResponseSchema = ok({ movies: z.array(nowPlayingMovieSchema) });
export const allShowsResponseSchema = ok({ shows: z.array(movieSchema) });

export const showTimeSchema = z.object({
  time: isoInstantSchema,
  showId: showIdSchema,
  showPrice: z.number(),
  screen: z.object({ _id: screenIdSchema, name: z.string() }).nullable(),
  /** The show's cinema and its time zone, in which `time` is meant to be read. */
  cinema: cinemaIdSchema,
  timeZone: z.string(),
});
/** `GET /api/show/:movieId?cinema=…`: only the shows of that cinema. */
export const movieShowsQuerySchema = z.object({ cinema: cinemaIdSchema.optional() });
export const movieShowsResponseSchema = ok({
  movie: movieSchema,
  /** Keyed by the local date in each show's cinema's time zone. */
  dateTime: z.record(localDateSchema, z.array(showTimeSchema)),
});
export type MovieShowsResponse = z.infer<typeof movieShowsResponseSchema>;

export const showDetailResponseSchema = ok({
  show: showSchema.extend({ movie: movieSchema }),
  currency: z.string(),
});
export type ShowDetailResponse = z.infer<typeof showDetailResponseSchema>;

/** A place in the line for a sold-out show: `offered` while seats are held for the person, until they pay or the offer lapses. */
export const waitlistStatuses = ["waiting", "offered", "accepted", "lapsed", "left"] as const;
export type WaitlistStatus = (typeof waitlistStatuses)[number];

export const joinWaitlistRequestSchema = z.object({
  seats: z.number().int().min(1).max(20),
  /** Only seats of this category will do (none of it is free); any category when absent. */
  category: categoryIdSchema.optional(),
});

export const waitlistEntrySchema = z.object({
  _id: z.string(),
  show: showIdSchema,
  seats: z.number().int(),
  /** The seat category wanted; null for any. */
  category: z.string().nullable(),
  status: z.enum(waitlistStatuses),
  /** 1 for the next in line; null once offered. */
  position: z.number().int().nullable(),
  /** The held booking of an offer, to pay from My bookings. */
  booking: z.string().nullable(),
  joinedAt: isoInstantSchema,
});
export type WaitlistEntry = z.infer<typeof waitlistEntrySchema>;
export const waitlistEntryResponseSchema = ok({ entry: waitlistEntrySchema });
export const waitlistLeftResponseSchema = ok({ left: z.boolean() });
export const userWaitlistsResponseSchema = ok({ waitlists: z.array(waitlistEntrySchema.extend({ showDetail: showSchema.extend({ movie: movieSchema }) })) });

// Issue 12: what is on when, and how full, for the movies page's filters and labels.
export const availabilitySchema = z.enum(["available", "filling_fast", "sold_out"]);
export type Availability = z.infer<typeof availabilitySchema>;
export const scheduleResponseSchema = ok({
  movies: z.array(
    z.object({
      movieId: movieIdSchema,
      /** Local dates (cinema's time zone) with at least one upcoming show. */
      dates: z.array(localDateSchema),
      /** Sold out when every upcoming show is; filling fast when any is nearly full. */
      availability: availabilitySchema,
    }),
  ),
  /** Each upcoming show's availability, by show id. */
  shows: z.record(showIdSchema, availabilitySchema),
});
export type ScheduleResponse = z.infer<typeof scheduleResponseSchema>;

import { z } from "zod";
import { ok } from "./common.ts";
import * as admin from "./admin.ts";
import * as auth from "./auth.ts";
import * as bookings from "./bookings.ts";
import * as config from "./config.ts";
import * as shows from "./shows.ts";
import * as users from "./users.ts";
import * as venues from "./venues.ts";
import * as tickets from "./tickets.ts";

/**
 * "verified": a signed-in user who may hold seats (a local account must have confirmed its email when that is required).
 * "staff": door staff or an admin.
 */
export type Access = "public" | "user" | "verified" | "admin" | "staff";

export interface RouteContract {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Express-style path; `:name` segments are ids. */
  path: string;
  access: Access;
  summary: string;
  body?: z.ZodType;
  /** The query string, for routes that take one (filters, pages). */
  query?: z.ZodType;
  response: z.ZodType;
  /** Status of a successful answer. */
  status?: number;
  /** For multipart/form-data uploads: the text fields (the file's field is named in the summary). */
  form?: z.ZodType;
  /**
   * A Server-Sent Events stream instead of one JSON answer: `response` is then the data of each
   * event named here, sent at once and again on every change.
   */
  events?: "seats";
  /**
   * What to do about each body field, in words: a refused body then answers with that advice
   * instead of "Invalid body: field: …" (the account forms, read by people rather than programs).
   */
  fieldAdvice?: Record<string, string>;
}

const route = <const R extends RouteContract>(r: R) => r;

/**
 * Every JSON route of the API in one table: the server mounts handlers against it,
 * the web client types its calls from it, and tests walk it so no route is forgotten.
 */
export const routes = {
  health: route({ method: "get", path: "/api/health", access: "public", summary: "Liveness and storage reachability", response: config.healthResponseSchema }),
  publicConfig: route({ method: "get", path: "/api/config", access: "public", summary: "Public settings of this deployment", response: config.publicConfigResponseSchema }),

  register: route({ method: "post", path: "/api/auth/register", access: "public", summary: "Create a local account", body: auth.registerRequestSchema, response: auth.authResponseSchema, status: 201, fieldAdvice: auth.authFieldAdvice }),
  login: route({ method: "post", path: "/api/auth/login", access: "public", summary: "Sign in with a local account", body: auth.loginRequestSchema, response: auth.authResponseSchema, fieldAdvice: auth.authFieldAdvice }),
  verifyEmail: route({ method: "post", path: "/api/auth/verify-email", access: "public", summary: "Confirm an email address with the token of the mailed link", body: auth.verifyEmailRequestSchema, response: auth.verifyEmailResponseSchema, fieldAdvice: auth.authFieldAdvice }),
  resendVerification: route({ method: "post", path: "/api/auth/resend-verification", access: "user", summary: "Mail a new email-confirmation link to the signed-in user", response: auth.messageResponseSchema }),
  forgotPassword: route({ method: "post", path: "/api/auth/forgot-password", access: "public", summary: "Mail a password-reset link (the same answer whether or not the account exists)", body: auth.forgotPasswordRequestSchema, response: auth.messageResponseSchema, fieldAdvice: auth.authFieldAdvice }),
  resetPassword: route({ method: "post", path: "/api/auth/reset-password", access: "public", summary: "Choose a new password with the token of the mailed link", body: auth.resetPasswordRequestSchema, response: auth.messageResponseSchema, fieldAdvice: auth.authFieldAdvice }),
  changePassword: route({ method: "post", path: "/api/auth/change-password", access: "user", summary: "Change the password of the signed-in local account; every other session of the account ends", body: auth.changePasswordRequestSchema, response: auth.authResponseSchema, fieldAdvice: auth.authFieldAdvice }),
  signOutEverywhere: route({ method: "post", path: "/api/auth/sign-out-everywhere", access: "user", summary: "End every session of the signed-in local account, this one included", response: auth.messageResponseSchema }),
  me: route({ method: "get", path: "/api/user/me", access: "user", summary: "The signed-in user", response: users.meResponseSchema }),

  nowPlaying: route({ method: "get", path: "/api/show/now-playing", access: "admin", summary: "Movies now in cinemas, from the catalog", response: shows.nowPlayingResponseSchema }),
  addShows: route({ method: "post", path: "/api/show/add", access: "admin", summary: "Schedule shows of a movie", body: shows.addShowsRequestSchema, response: shows.addShowsResponseSchema, status: 201 }),
  allShows: route({ method: "get", path: "/api/show/all", access: "public", summary: "Movies with upcoming shows", response: shows.allShowsResponseSchema }),
  showDetail: route({ method: "get", path: "/api/show/detail/:showId", access: "public", summary: "One show with its movie, price and seat layout", response: shows.showDetailResponseSchema }),
  movieShows: route({ method: "get", path: "/api/show/:movieId", access: "public", summary: "A movie and its upcoming show times by local date (optionally of one cinema)", query: shows.movieShowsQuerySchema, response: shows.movieShowsResponseSchema }),

  // Issue 12 (the journey): dates and fullness of every upcoming show, for the movies page.
  schedule: route({ method: "get", path: "/api/schedule", access: "public", summary: "Upcoming show dates per movie, and how full each show is (available, filling fast, sold out)", response: shows.scheduleResponseSchema }),

  joinWaitlist: route({ method: "post", path: "/api/show/:showId/waitlist", access: "verified", summary: "Join the waitlist of a sold-out show (the number of seats wanted)", body: shows.joinWaitlistRequestSchema, response: shows.waitlistEntryResponseSchema, status: 201 }),
  leaveWaitlist: route({ method: "delete", path: "/api/show/:showId/waitlist", access: "user", summary: "Leave the waitlist of a show", response: shows.waitlistLeftResponseSchema }),
  userWaitlists: route({ method: "get", path: "/api/user/waitlists", access: "user", summary: "The waitlists the user is on, with their place in line", response: shows.userWaitlistsResponseSchema }),
  occupiedSeats: route({ method: "get", path: "/api/booking/seats/:showId", access: "public", summary: "Seats paid for or under a live hold", response: bookings.occupiedSeatsResponseSchema }),
  seatStream: route({ method: "get", path: "/api/booking/seats/:showId/stream", access: "public", summary: "Server-Sent Events: a `seats` event with the occupied seats at once, then again on every change", response: bookings.seatsEventSchema, events: "seats" }),
  createBooking: route({ method: "post", path: "/api/booking/create", access: "verified", summary: "Hold seats and get a payment link", body: bookings.createBookingRequestSchema, response: bookings.createBookingResponseSchema, status: 201 }),
  // Issue 12 (the journey): the buyer's own live holds on a show, for the seat map after Back from checkout.
  myHolds: route({ method: "get", path: "/api/booking/seats/:showId/mine", access: "user", summary: "The signed-in buyer's own live holds on a show (seats, expiry, payment link)", response: bookings.myHoldsResponseSchema }),
  getBooking: route({ method: "get", path: "/api/booking/:bookingId", access: "user", summary: "One of the user's own bookings", response: bookings.bookingResponseSchema }),
  cancelBooking: route({ method: "post", path: "/api/booking/:bookingId/cancel", access: "user", summary: "Cancel a booking: an unpaid hold is released; a paid one is refunded, until CANCEL_CUTOFF_MINUTES before the show. With `seats`, only those seats of a paid booking are given back and refunded", body: bookings.cancelBookingRequestSchema, response: bookings.bookingResponseSchema }),

  userBookings: route({ method: "get", path: "/api/user/bookings", access: "user", summary: "The user's bookings, newest first", response: bookings.userBookingsResponseSchema }),
  updateFavorite: route({ method: "post", path: "/api/user/update-favorite", access: "user", summary: "Toggle a favorite movie", body: users.updateFavoriteRequestSchema, response: users.updateFavoriteResponseSchema }),
  favorites: route({ method: "get", path: "/api/user/favorites", access: "user", summary: "The user's favorite movies", response: users.favoritesResponseSchema }),
  updatePreferences: route({ method: "post", path: "/api/user/preferences", access: "user", summary: "Mail preferences", body: users.updatePreferencesRequestSchema, response: users.meResponseSchema }),

  isAdmin: route({ method: "get", path: "/api/admin/is-admin", access: "admin", summary: "200 for admins, 403 otherwise", response: admin.isAdminResponseSchema }),
  dashboard: route({ method: "get", path: "/api/admin/dashboard", access: "admin", summary: "Totals over paid bookings", response: admin.dashboardResponseSchema }),
  adminShows: route({ method: "get", path: "/api/admin/all-shows", access: "admin", summary: "Upcoming shows with occupancy, a page at a time, soonest first", query: admin.adminShowsQuerySchema, response: admin.adminShowsResponseSchema }),
  uploadMovieImage: route({ method: "post", path: "/api/admin/movies/:movieId/image", access: "admin", summary: "Upload a custom poster or backdrop: multipart/form-data with `kind` and the file in `image`", form: admin.movieImageFormSchema, response: admin.movieImageResponseSchema }),
  adminCancelBooking: route({ method: "post", path: "/api/admin/bookings/:bookingId/cancel", access: "admin", summary: "Cancel any booking at the counter: a hold is released, a paid booking refunded (no cutoff); with `seats`, only those seats are given back; a seat let in at the door only with `force` (it stays taken)", body: bookings.adminCancelBookingRequestSchema, response: admin.adminBookingResponseSchema }),
  adminCancelShow: route({ method: "post", path: "/api/admin/shows/:showId/cancel", access: "admin", summary: "Cancel a show: off sale, every paid booking refunded and mailed, every hold released; safe to repeat", response: admin.cancelShowResponseSchema }),
  adminEffects: route({ method: "get", path: "/api/admin/effects", access: "admin", summary: "Mail and refunds owed after booking changes and not yet delivered", response: admin.openEffectsResponseSchema }),
  adminBookings: route({ method: "get", path: "/api/admin/all-bookings", access: "admin", summary: "Bookings with user, show and movie, a page at a time, filtered and sorted", query: admin.adminBookingsQuerySchema, response: admin.adminBookingsResponseSchema }),

  // Screens, seat maps and seat rules (issue 16).
  adminScreens: route({ method: "get", path: "/api/admin/screens", access: "admin", summary: "Screens with their cinema and seat categories", response: venues.screensResponseSchema }),
  adminCreateScreen: route({ method: "post", path: "/api/admin/screens", access: "admin", summary: "Create a screen with its seat map", body: venues.screenRequestSchema, response: venues.screenResponseSchema, status: 201 }),
  adminScreen: route({ method: "get", path: "/api/admin/screens/:screenId", access: "admin", summary: "One screen with its seat map", response: venues.screenResponseSchema }),
  adminUpdateScreen: route({ method: "put", path: "/api/admin/screens/:screenId", access: "admin", summary: "Replace a screen's name and seat map (shows already scheduled keep theirs)", body: venues.screenRequestSchema, response: venues.screenResponseSchema }),
  adminBlockedSeats: route({ method: "get", path: "/api/admin/shows/:showId/blocked-seats", access: "admin", summary: "Seats of a show kept off sale", response: venues.blockedSeatsResponseSchema }),
  adminBlockSeats: route({ method: "post", path: "/api/admin/shows/:showId/blocked-seats", access: "admin", summary: "Keep seats of a show off sale (all or none; a sold or held seat cannot be blocked)", body: venues.blockSeatsRequestSchema, response: venues.blockedSeatsResponseSchema }),
  adminUnblockSeats: route({ method: "post", path: "/api/admin/shows/:showId/unblocked-seats", access: "admin", summary: "Put blocked seats of a show back on sale", body: venues.blockSeatsRequestSchema, response: venues.blockedSeatsResponseSchema }),
  cinemas: route({ method: "get", path: "/api/cinemas", access: "public", summary: "The chain's cinemas, for customers to pick one", response: venues.cinemasResponseSchema }),
  adminCreateCinema: route({ method: "post", path: "/api/admin/cinemas", access: "admin", summary: "Add a cinema (name, address, city, time zone)", body: venues.cinemaRequestSchema, response: venues.cinemaResponseSchema, status: 201 }),
  adminUpdateCinema: route({ method: "put", path: "/api/admin/cinemas/:cinemaId", access: "admin", summary: "Change a cinema's name, address, city or time zone (shows keep their instants)", body: venues.cinemaRequestSchema, response: venues.cinemaResponseSchema }),
  checkSeatChoice: route({ method: "get", path: "/api/booking/check/:showId", access: "public", summary: "What the seat rules (stranded single seat, love seats, companion seats) say of a choice of seats, before it is held: the seat map warns with it", query: bookings.seatChoiceQuerySchema, response: bookings.seatChoiceResponseSchema }),
  bestSeats: route({ method: "get", path: "/api/booking/best/:showId", access: "public", summary: "The best free seats for `count` people: together in one row when possible, centre first, obeying the seat rules", query: venues.bestSeatsQuerySchema, response: venues.bestSeatsResponseSchema }),
  bookingTickets: route({ method: "get", path: "/api/booking/:bookingId/tickets", access: "user", summary: "The tickets of one of the user's paid bookings: per seat the reference, signed token and QR code (SVG), and the show as an .ics event", response: tickets.bookingTicketsResponseSchema }),
  resendTickets: route({ method: "post", path: "/api/booking/:bookingId/tickets/resend", access: "user", summary: "Mail the tickets (PDF and .ics) of a paid booking again; once per booking every 10 minutes", response: tickets.resendTicketsResponseSchema, status: 202 }),
  checkIn: route({ method: "post", path: "/api/checkin", access: "staff", summary: "Admit a ticket at the door (or, for a booking reference alone, every seat of the booking not yet in): 409 already_admitted when used before, 422 wrong_show for another show or day, 422 too_early before the door opens (details.opensAt) and 422 show_over after the show, 410 ticket_void when cancelled or given back, 404 when unknown or forged", body: tickets.checkInRequestSchema, response: tickets.checkInResponseSchema }),
  checkInKeys: route({ method: "get", path: "/api/checkin/key", access: "public", summary: "The public keys (JWK) that verify ticket tokens, for door devices verifying offline", response: tickets.checkInKeysResponseSchema }),
  attendance: route({ method: "get", path: "/api/checkin/attendance", access: "staff", summary: "Today's shows (each cinema's own local day) with tickets admitted and sold and the door's window", response: tickets.attendanceResponseSchema }),
  showAdmissions: route({ method: "get", path: "/api/checkin/admitted/:showId", access: "staff", summary: "The tickets of a show admitted so far, for door devices that must refuse a second entry offline", response: tickets.showAdmissionsResponseSchema }),
  adminUsers: route({ method: "get", path: "/api/admin/users", access: "admin", summary: "Accounts whose name or email contains `q` (the staff when `q` is empty), at most 50", query: tickets.adminUsersQuerySchema, response: tickets.adminUsersResponseSchema }),
  setStaffRole: route({ method: "post", path: "/api/admin/users/:userId/role", access: "admin", summary: "Grant (`staff`) or remove (`user`) the door-staff role; an admin's role is not changed here", body: tickets.setStaffRoleRequestSchema, response: tickets.adminUserResponseSchema }),
} as const satisfies Record<string, RouteContract>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type ResponseOf<N extends RouteName> = z.infer<Routes[N]["response"]>;
export type BodyOf<N extends RouteName> = Routes[N] extends { body: z.ZodType } ? z.input<Routes[N]["body"]> : never;
export type QueryOf<N extends RouteName> = Routes[N] extends { query: z.ZodType } ? z.input<Routes[N]["query"]> : never;

export const emptyOk = ok({});

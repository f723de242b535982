import { z } from "zod";
import { movieIdSchema, ok, userIdSchema } from "./common.ts";
import { movieSchema } from "./movies.ts";

/** `staff`: door staff, who may check tickets in and see the day's attendance, nothing else of the admin panel. */
export const roles = ["user", "admin", "staff"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  _id: userIdSchema,
  name: z.string(),
  email: z.string(),
  image: z.string(),
  role: roleSchema,
  emailVerified: z.boolean(),
  favorites: z.array(movieIdSchema),
  newShowEmails: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const updateFavoriteRequestSchema = z.object({ movieId: movieIdSchema });
export const updateFavoriteResponseSchema = ok({
  message: z.string(),
  favorites: z.array(movieIdSchema),
});
export const favoritesResponseSchema = ok({ movies: z.array(movieSchema) });

export const updatePreferencesRequestSchema = z.object({ newShowEmails: z.boolean() });
export const meResponseSchema = ok({ user: userSchema });

/** Mail QuickShow sends; the preference and outbox records are keyed by these. */
export const mailKinds = ["confirmation", "reminder", "new_show", "welcome", "refund", "waitlist_offer", "verify_email", "password_reset"] as const;
export type MailKind = (typeof mailKinds)[number];

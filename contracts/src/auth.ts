import { z } from "zod";
import { ok, safeTextSchema } from "./common.ts";
import { userSchema } from "./users.ts";

const email = z.email({ message: "must be a valid email address" }).max(254).transform((e) => e.toLowerCase());

/** bcrypt reads only the first 72 bytes of a password; anything longer is refused rather than cut. */
export const passwordMaxBytes = 72;
const withinBcryptLimit = (s: string) => new TextEncoder().encode(s).length <= passwordMaxBytes;
const tooLong = `must be at most ${passwordMaxBytes} bytes (about 72 letters, fewer with accents or emoji)`;

/** A password being chosen; the server also refuses common and easily guessed ones. */
export const newPasswordSchema = safeTextSchema
  .min(10, "must be at least 10 characters")
  .refine((s) => s.trim().length >= 10, "must have at least 10 characters besides spaces")
  .refine(withinBcryptLimit, tooLong);

export const registerRequestSchema = z.object({
  name: safeTextSchema.trim().min(1, "enter your name").max(80, "must be at most 80 characters"),
  email,
  password: newPasswordSchema,
  newShowEmails: z.boolean().default(false),
});
export type RegisterRequest = z.input<typeof registerRequestSchema>;

export const loginRequestSchema = z.object({
  email,
  password: safeTextSchema.min(1, "enter your password").refine(withinBcryptLimit, tooLong),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

export const authResponseSchema = ok({ token: z.string(), user: userSchema });
export type AuthResponse = z.infer<typeof authResponseSchema>;

const linkToken = z.string().min(1, "the link is incomplete").max(2048);

export const verifyEmailRequestSchema = z.object({ token: linkToken });
export const verifyEmailResponseSchema = ok({ user: userSchema });

export const forgotPasswordRequestSchema = z.object({ email });
export const resetPasswordRequestSchema = z.object({ token: linkToken, password: newPasswordSchema });
export type ResetPasswordRequest = z.input<typeof resetPasswordRequestSchema>;

export const messageResponseSchema = ok({ message: z.string() });

import { z } from "zod";
import { noControlCharactersSchema, ok, safeTextSchema } from "./common.ts";
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

const currentPassword = noControlCharactersSchema.min(1, "enter your password").refine(withinBcryptLimit, tooLong);

export const loginRequestSchema = z.object({ email, password: currentPassword });
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

export const changePasswordRequestSchema = z.object({ currentPassword, newPassword: newPasswordSchema });
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;

/** The rules of a new password, in words, for the forms to show before anyone submits one. */
export const passwordRules = [
  "At least 10 characters, not counting spaces",
  `At most ${passwordMaxBytes} bytes (about 72 letters, fewer with accents or emoji)`,
  "Not a common password, keyboard pattern or date, and not made of your name or email address",
  "Several unrelated words are easy to remember and hard to guess",
] as const;

/**
 * The fields of the account forms in words, so a refusal can say which one to fix. An error's
 * message reads "<what to do>: <the problem>"; each field's problem also stays in `details`.
 */
export const authFieldAdvice: Record<string, string> = {
  name: "Check your name",
  email: "Check your email address",
  password: "Choose another password",
  currentPassword: "Check your current password",
  newPassword: "Choose another new password",
  token: "Open the link from the mail again, or ask for a new one",
};

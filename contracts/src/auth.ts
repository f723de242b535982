import { z } from "zod";
import { ok, safeTextSchema } from "./common.ts";
import { userSchema } from "./users.ts";

const email = z.email({ message: "must be a valid email address" }).max(254).transform((e) => e.toLowerCase());

export const registerRequestSchema = z.object({
  name: safeTextSchema.trim().min(1, "enter your name").max(80, "must be at most 80 characters"),
  email,
  password: safeTextSchema
    .min(8, "must be at least 8 characters")
    .max(128, "must be at most 128 characters"),
  newShowEmails: z.boolean().default(false),
});
export type RegisterRequest = z.input<typeof registerRequestSchema>;

export const loginRequestSchema = z.object({
  email,
  password: safeTextSchema.min(1, "enter your password").max(128),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

export const authResponseSchema = ok({ token: z.string(), user: userSchema });
export type AuthResponse = z.infer<typeof authResponseSchema>;

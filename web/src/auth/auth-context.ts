import { createContext, useContext, type ComponentType } from "react";
import type { ChangePasswordRequest, LoginRequest, RegisterRequest, User } from "@quickshow/contracts";

export type AuthStatus = "loading" | "signed-in" | "signed-out";

/**
 * Sign-in UI of a hosted provider (Clerk), handed to pages through the context so that they never
 * import the provider's SDK themselves: it stays in its own lazily loaded chunk.
 */
export interface AuthUi {
  SignIn: ComponentType<{ redirect: string }>;
  SignUp: ComponentType<{ redirect: string }>;
  /** The signed-in user's menu (avatar, My bookings, Admin, sign out). */
  UserMenu: ComponentType;
}

/**
 * What the rest of the app knows about authentication, whichever provider is active: the local
 * provider (AuthProvider.tsx) implements it with /api/auth/*, the Clerk provider
 * (ClerkAuthProvider.tsx, loaded only by builds with VITE_CLERK_PUBLISHABLE_KEY) with Clerk's session.
 */
export interface AuthApi {
  status: AuthStatus;
  user: User | null;
  /** Which provider is active; pages use it to decide whether to show the local forms. */
  provider: "local" | "clerk";
  signIn(input: LoginRequest): Promise<User>;
  signUp(input: RegisterRequest): Promise<User>;
  signOut(): void;
  /** The bearer token for API calls, or null when signed out. */
  getToken(): string | null;
  /** Local accounts only: a new password; this session goes on with a fresh token, every other one ends. */
  changePassword?(input: ChangePasswordRequest): Promise<User>;
  /** Local accounts only: ends every session of the account, this one included. */
  signOutEverywhere?(): Promise<void>;
  /** Merge fresh server data into the current user (e.g. favorites after a toggle). */
  updateUser(patch: Partial<User>): void;
  /** Present for a hosted provider: its components replace the local forms and the sign-out button. */
  ui?: AuthUi;
}

export const AuthContext = createContext<AuthApi | null>(null);

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth must be used inside <AuthProvider>");
  return ctx;
}

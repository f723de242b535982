import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { ChangePasswordRequest, LoginRequest, RegisterRequest, User } from "@quickshow/contracts";
import { ApiError, call, configureApiAuth } from "../api/client.ts";
import { AuthContext, type AuthApi, type AuthStatus } from "./auth-context.ts";

const TOKEN_KEY = "quickshow.token";

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Private mode or storage disabled: the session simply lasts as long as the page.
  }
}

/** Local accounts: email + password against /api/auth, a bearer token kept in localStorage. */
function LocalAuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const tokenRef = useRef<string | null>(readToken());
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<AuthStatus>(tokenRef.current ? "loading" : "signed-out");

  const clearSession = useCallback(() => {
    tokenRef.current = null;
    writeToken(null);
    setUser(null);
    setStatus("signed-out");
    queryClient.removeQueries({ queryKey: ["me"] });
    queryClient.removeQueries({ queryKey: ["admin"] });
  }, [queryClient]);

  // Registered during render so the very first queries already carry the token.
  configureApiAuth(() => tokenRef.current, clearSession);

  useEffect(() => {
    if (!tokenRef.current) return;
    let cancelled = false;
    call("me")
      .then((res) => {
        if (cancelled) return;
        setUser(res.user);
        setStatus("signed-in");
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) clearSession();
        else setStatus("signed-out");
      });
    return () => {
      cancelled = true;
    };
  }, [clearSession]);

  // Signing out in another tab signs this one out too.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === TOKEN_KEY && !e.newValue && tokenRef.current) clearSession();
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [clearSession]);

  const startSession = useCallback(
    (token: string, u: User) => {
      tokenRef.current = token;
      writeToken(token);
      setUser(u);
      setStatus("signed-in");
      queryClient.removeQueries({ queryKey: ["me"] });
      queryClient.removeQueries({ queryKey: ["admin"] });
      return u;
    },
    [queryClient],
  );

  const api = useMemo<AuthApi>(
    () => ({
      status,
      user,
      provider: "local",
      signIn: async (input: LoginRequest) => {
        const res = await call("login", { body: input });
        return startSession(res.token, res.user);
      },
      signUp: async (input: RegisterRequest) => {
        const res = await call("register", { body: input });
        return startSession(res.token, res.user);
      },
      signOut: clearSession,
      changePassword: async (input: ChangePasswordRequest) => {
        const res = await call("changePassword", { body: input });
        return startSession(res.token, res.user);
      },
      signOutEverywhere: async () => {
        await call("signOutEverywhere");
        clearSession();
      },
      getToken: () => tokenRef.current,
      updateUser: (patch) => setUser((u) => (u ? { ...u, ...patch } : u)),
    }),
    [status, user, startSession, clearSession],
  );

  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}

const clerkPublishableKey = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined;

// Clerk's SDK is its own chunk, fetched only by builds that have a publishable key.
const ClerkAuthProvider = clerkPublishableKey ? lazy(() => import("./ClerkAuthProvider.tsx")) : null;

const loadingApi: AuthApi = {
  status: "loading",
  user: null,
  provider: "clerk",
  signIn: () => Promise.reject(new Error("Sign-in is still loading")),
  signUp: () => Promise.reject(new Error("Sign-in is still loading")),
  signOut: () => {},
  getToken: () => null,
  updateUser: () => {},
};

/**
 * The app's single auth entry point. When the build has `VITE_CLERK_PUBLISHABLE_KEY` (set it with
 * the server's CLERK_* keys), Clerk's provider is loaded lazily and implements the same `AuthApi`
 * (user from the API, bearer token from Clerk's session, Clerk's components as `ui`); otherwise
 * local accounts, with nothing of Clerk in the bundle.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  if (ClerkAuthProvider && clerkPublishableKey) {
    return (
      <Suspense fallback={<AuthContext.Provider value={loadingApi}>{children}</AuthContext.Provider>}>
        <ClerkAuthProvider publishableKey={clerkPublishableKey}>{children}</ClerkAuthProvider>
      </Suspense>
    );
  }
  return <LocalAuthProvider>{children}</LocalAuthProvider>;
}

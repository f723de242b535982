import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { ClerkProvider, SignIn, SignUp, UserButton, useAuth as useClerkAuth } from "@clerk/react";
import { LayoutDashboard, Ticket } from "lucide-react";
import type { User } from "@quickshow/contracts";
import { ApiError, call, configureApiAuth } from "../api/client.ts";
import { AuthContext, useAuth, type AuthApi, type AuthStatus, type AuthUi } from "./auth-context.ts";

const appearance = {
  variables: { colorPrimary: "#f84565", colorBackground: "#18181b", colorText: "#fafafa", colorInputBackground: "#27272a", colorInputText: "#fafafa" },
};

function UserMenu() {
  const { user } = useAuth();
  return (
    <UserButton appearance={appearance}>
      <UserButton.MenuItems>
        <UserButton.Link label="My bookings" labelIcon={<Ticket className="size-4" />} href="/my-bookings" />
        {user?.role === "admin" && (
          <UserButton.Link label="Admin panel" labelIcon={<LayoutDashboard className="size-4" />} href="/admin" />
        )}
      </UserButton.MenuItems>
    </UserButton>
  );
}

const ui: AuthUi = {
  SignIn: ({ redirect }) => <SignIn routing="hash" signUpUrl={`/sign-up?redirect=${encodeURIComponent(redirect)}`} fallbackRedirectUrl={redirect} appearance={appearance} />,
  SignUp: ({ redirect }) => <SignUp routing="hash" signInUrl={`/sign-in?redirect=${encodeURIComponent(redirect)}`} fallbackRedirectUrl={redirect} appearance={appearance} />,
  UserMenu,
};

/** Bridges Clerk's session to the app's AuthApi: the user comes from /api/user/me, the token from Clerk. */
function ClerkBridge({ children }: { children: ReactNode }) {
  const { isLoaded, isSignedIn, userId, getToken, signOut } = useClerkAuth();
  const queryClient = useQueryClient();
  const [user, setUser] = useState<User | null>(null);
  const [failed, setFailed] = useState(false);
  const lastToken = useRef<string | null>(null);

  const tokenForApi = useCallback(async () => {
    if (!isSignedIn) return null;
    // Clerk caches the short-lived session token and refreshes it before it expires.
    lastToken.current = await getToken();
    return lastToken.current;
  }, [isSignedIn, getToken]);
  const endSession = useCallback(() => void signOut({ redirectUrl: "/" }), [signOut]);
  // A token the API refuses (the account was deleted) ends the Clerk session too, as local sign-in does.
  configureApiAuth(tokenForApi, endSession);

  useEffect(() => {
    queryClient.removeQueries({ queryKey: ["me"] });
    queryClient.removeQueries({ queryKey: ["admin"] });
    setUser(null);
    setFailed(false);
    if (!isLoaded || !isSignedIn) return;
    let cancelled = false;
    call("me")
      .then((res) => !cancelled && setUser(res.user))
      .catch((err: unknown) => {
        if (cancelled) return;
        setFailed(true);
        if (err instanceof ApiError && err.status === 401) endSession();
      });
    return () => {
      cancelled = true;
    };
  }, [isLoaded, isSignedIn, userId, queryClient, endSession]);

  const status: AuthStatus = !isLoaded ? "loading" : !isSignedIn || failed ? "signed-out" : user ? "signed-in" : "loading";
  const api = useMemo<AuthApi>(
    () => ({
      status,
      user,
      provider: "clerk",
      signIn: () => Promise.reject(new Error("Sign in with the form above")),
      signUp: () => Promise.reject(new Error("Sign up with the form above")),
      signOut: endSession,
      getToken: () => lastToken.current,
      updateUser: (patch) => setUser((u) => (u ? { ...u, ...patch } : u)),
      ui,
    }),
    [status, user, endSession],
  );
  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}

export default function ClerkAuthProvider({ publishableKey, children }: { publishableKey: string; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <ClerkProvider
      publishableKey={publishableKey}
      routerPush={(to) => navigate(to)}
      routerReplace={(to) => navigate(to, { replace: true })}
      signInUrl="/sign-in"
      signUpUrl="/sign-up"
      afterSignOutUrl="/"
    >
      <ClerkBridge>{children}</ClerkBridge>
    </ClerkProvider>
  );
}

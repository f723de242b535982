import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Link } from "react-router";
import { forgotPasswordRequestSchema, resetPasswordRequestSchema, type User } from "@quickshow/contracts";
import { call, errorMessage } from "../api/client.ts";
import { useAuth } from "../auth/auth-context.ts";
import { useDocumentTitle } from "../lib/hooks.ts";
import { AuthCard, Field, FormError, issuesToErrors, serverFieldErrors } from "./AuthPages.tsx";
import { formErrorUnlessAtField, PasswordRules } from "./password-form.tsx";

/** Mailed links carry their token after `#`, which the browser never sends to the server. */
function tokenFromLink(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
}

function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="mt-6 rounded-lg border border-emerald-500/40 bg-emerald-500/10 px-3 py-2 text-sm text-emerald-100">
      {children}
    </p>
  );
}

export function ForgotPassword() {
  useDocumentTitle("Forgot password");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = forgotPasswordRequestSchema.safeParse({ email });
    if (!parsed.success) return setError(issuesToErrors(parsed.error.issues).email);
    setError(undefined);
    setBusy(true);
    try {
      setSent((await call("forgotPassword", { body: parsed.data })).message);
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Forgot your password?"
      subtitle={
        <>
          We'll mail you a link to choose a new one.{" "}
          <Link to="/sign-in" className="text-primary underline underline-offset-2">
            Back to sign in
          </Link>
        </>
      }
    >
      {sent ? (
        <Notice>{sent}. The link works for one hour.</Notice>
      ) : (
        <form onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-4">
          <FormError message={formError} />
          <Field id="email" label="Email" error={error}>
            <input id="email" type="email" autoComplete="email" className="input" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <button type="submit" className="btn-primary mt-2 w-full py-3" disabled={busy}>
            {busy ? "Sending…" : "Send reset link"}
          </button>
        </form>
      )}
    </AuthCard>
  );
}

export function ResetPassword() {
  useDocumentTitle("Choose a new password");
  const [token] = useState(tokenFromLink);
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = resetPasswordRequestSchema.safeParse({ token, password });
    if (!parsed.success) {
      const found = issuesToErrors(parsed.error.issues);
      setErrors(found);
      if (found.token) setFormError("This link is incomplete; open the link from the mail again, or ask for a new one.");
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      setDone((await call("resetPassword", { body: parsed.data })).message);
    } catch (err) {
      const atFields = serverFieldErrors(err);
      setErrors(atFields);
      setFormError(formErrorUnlessAtField(err, atFields, ["password"]));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Choose a new password" subtitle="Your new password ends every session signed in with the old one.">
      {done ? (
        <Notice>
          {done}.{" "}
          <Link to="/sign-in" className="underline">
            Sign in
          </Link>
        </Notice>
      ) : (
        <form onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-4">
          <FormError message={formError} />
          <Field id="password" label="New password" error={errors.password} hint={<PasswordRules />}>
            <input
              id="password"
              type="password"
              autoComplete="new-password"
              className="input"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <button type="submit" className="btn-primary mt-2 w-full py-3" disabled={busy}>
            {busy ? "Saving…" : "Save new password"}
          </button>
          <Link to="/forgot-password" className="text-sm text-primary underline underline-offset-2">
            Ask for a new link
          </Link>
        </form>
      )}
    </AuthCard>
  );
}

export function VerifyEmail() {
  useDocumentTitle("Confirm your email");
  const { user, updateUser } = useAuth();
  const [state, setState] = useState<{ kind: "working" } | { kind: "done"; user: User } | { kind: "failed"; message: string }>({ kind: "working" });
  const [resent, setResent] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // Once per page load (React's development mode runs effects twice).
    if (started.current) return;
    started.current = true;
    const token = tokenFromLink();
    if (!token) return setState({ kind: "failed", message: "Open the link from the confirmation mail, or ask for a new one." });
    call("verifyEmail", { body: { token } })
      .then((res) => setState({ kind: "done", user: res.user }))
      .catch((err: unknown) => setState({ kind: "failed", message: errorMessage(err) }));
  }, []);

  useEffect(() => {
    if (state.kind === "done" && user && user._id === state.user._id && !user.emailVerified) {
      updateUser({ emailVerified: true, role: state.user.role });
    }
  }, [state, user, updateUser]);

  async function resend() {
    try {
      setResent((await call("resendVerification")).message);
    } catch (err) {
      setResent(errorMessage(err));
    }
  }

  return (
    <AuthCard title="Confirm your email" subtitle="One click proves the address is yours.">
      {state.kind === "working" && <p className="mt-6 text-sm text-zinc-400">Checking your link…</p>}
      {state.kind === "done" && (
        <Notice>
          {state.user.email} is confirmed: you can book seats now.{" "}
          <Link to={state.user.role === "admin" ? "/admin" : "/"} className="underline">
            {state.user.role === "admin" ? "Open the admin panel" : "See what's on"}
          </Link>
        </Notice>
      )}
      {state.kind === "failed" && (
        <div className="mt-6 flex flex-col gap-4">
          <FormError message={state.message} />
          {user && !user.emailVerified && (
            <button type="button" className="btn-primary w-full py-3" onClick={() => void resend()}>
              Send me a new link
            </button>
          )}
          {resent && <p role="status" className="text-sm text-zinc-300">{resent}</p>}
        </div>
      )}
    </AuthCard>
  );
}

import { useState, type FormEvent } from "react";
import { Navigate, useNavigate } from "react-router";
import { changePasswordRequestSchema } from "@quickshow/contracts";
import { errorMessage } from "../api/client.ts";
import { useAuth } from "../auth/auth-context.ts";
import { clerkAccountPageUrl } from "../auth/clerk-account.ts";
import { useDocumentTitle } from "../lib/hooks.ts";
import { AuthCard, Field, FormError, issuesToErrors, serverFieldErrors } from "./AuthPages.tsx";
import { formErrorUnlessAtField, PasswordRules } from "./password-form.tsx";

/** The signed-in user's account: their password and their sessions (Clerk's own page with Clerk). */
export function Account() {
  useDocumentTitle("My account");
  const { status, user, provider } = useAuth();
  if (status === "signed-out") return <Navigate to="/sign-in?redirect=%2Faccount" replace />;
  if (!user) return null;
  const clerkPage = provider === "clerk" ? clerkAccountPageUrl(import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined) : null;
  return (
    <AuthCard title="My account" subtitle={`Signed in as ${user.name} (${user.email})`}>
      {provider === "clerk" ? (
        <p className="mt-6 text-sm text-zinc-300">
          Your password and the devices you are signed in on are managed by our sign-in service.{" "}
          {clerkPage && (
            <a href={clerkPage} className="text-primary underline underline-offset-2">
              Manage your account
            </a>
          )}
        </p>
      ) : (
        <>
          <ChangePassword />
          <SignOutEverywhere />
        </>
      )}
    </AuthCard>
  );
}

function ChangePassword() {
  const { changePassword } = useAuth();
  const [form, setForm] = useState({ currentPassword: "", newPassword: "" });
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setDone(false);
    const parsed = changePasswordRequestSchema.safeParse(form);
    if (!parsed.success) return setErrors(issuesToErrors(parsed.error.issues));
    setErrors({});
    setBusy(true);
    try {
      await changePassword!(parsed.data);
      setForm({ currentPassword: "", newPassword: "" });
      setDone(true);
    } catch (err) {
      const atFields = serverFieldErrors(err);
      setErrors(atFields);
      setFormError(formErrorUnlessAtField(err, atFields, ["currentPassword", "newPassword"]));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="change-password" className="mt-6">
      <h2 id="change-password" className="text-lg font-semibold">
        Change password
      </h2>
      <form onSubmit={onSubmit} noValidate className="mt-3 flex flex-col gap-4">
        <FormError message={formError} />
        {done && (
          <p role="status" className="rounded-lg border border-emerald-500/40 bg-emerald-500/10 px-3 py-2 text-sm text-emerald-100">
            Your password was changed. Every other device was signed out; this one stays signed in.
          </p>
        )}
        <Field id="currentPassword" label="Current password" error={errors.currentPassword}>
          <input
            id="currentPassword"
            type="password"
            autoComplete="current-password"
            className="input"
            value={form.currentPassword}
            onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
          />
        </Field>
        <Field id="newPassword" label="New password" error={errors.newPassword} hint={<PasswordRules />}>
          <input
            id="newPassword"
            type="password"
            autoComplete="new-password"
            className="input"
            value={form.newPassword}
            onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
          />
        </Field>
        <button type="submit" className="btn-primary w-full py-3" disabled={busy}>
          {busy ? "Saving…" : "Change password"}
        </button>
      </form>
    </section>
  );
}

function SignOutEverywhere() {
  const { signOutEverywhere } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onClick() {
    setError(null);
    setBusy(true);
    try {
      await signOutEverywhere!();
      navigate("/sign-in", { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="sign-out-everywhere" className="mt-8 border-t border-white/10 pt-6">
      <h2 id="sign-out-everywhere" className="text-lg font-semibold">
        Sign out everywhere
      </h2>
      <p className="mt-1 text-sm text-zinc-400">Ends every session of your account, on every device, this one included.</p>
      <FormError message={error} />
      <button type="button" className="btn-secondary mt-3 w-full py-3" disabled={busy} onClick={() => void onClick()}>
        {busy ? "Signing out…" : "Sign out everywhere"}
      </button>
    </section>
  );
}

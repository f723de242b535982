import { cloneElement, useState, type FormEvent, type InputHTMLAttributes, type ReactElement, type ReactNode } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { loginRequestSchema, registerRequestSchema } from "@quickshow/contracts";
import { formErrorUnlessAtField, PasswordRules } from "./password-form.tsx";
import { ApiError, errorMessage } from "../api/client.ts";
import { useAuth } from "../auth/auth-context.ts";
import { Logo } from "../components/Logo.tsx";
import { useDocumentTitle } from "../lib/hooks.ts";

export type FieldErrors = Partial<Record<string, string>>;

/** Only same-site paths are followed after signing in. */
function safeRedirect(value: string | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

export function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Server validation errors may carry zod-like issues in `details`; show them next to their fields.
 * When one field was refused, the server's message (in plain words, saying what to do) goes there.
 */
export function serverFieldErrors(err: unknown): FieldErrors {
  if (!(err instanceof ApiError) || !err.details || typeof err.details !== "object") return {};
  const d = err.details as { issues?: unknown; fieldErrors?: unknown };
  if (Array.isArray(d.issues)) {
    const found = issuesToErrors(
      d.issues.filter((i): i is { path: PropertyKey[]; message: string } => !!i && Array.isArray(i.path) && typeof i.message === "string"),
    );
    const fields = Object.keys(found);
    if (fields.length === 1 && err.message) found[fields[0]!] = err.message;
    return found;
  }
  if (d.fieldErrors && typeof d.fieldErrors === "object") {
    const out: FieldErrors = {};
    for (const [k, v] of Object.entries(d.fieldErrors as Record<string, unknown>)) {
      if (Array.isArray(v) && typeof v[0] === "string") out[k] = v[0];
    }
    return out;
  }
  return {};
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  /** Shown before anything is sent (a password's rules), and read out with the input. */
  hint?: ReactNode;
  /** The one input of the field: it is marked invalid and pointed at the error here, not at each use. */
  children: ReactElement<InputHTMLAttributes<HTMLInputElement>>;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-zinc-300">
        {label}
      </label>
      {cloneElement(children, { "aria-invalid": !!error, "aria-describedby": describedBy })}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-400">
          {capitalize(error)}
        </p>
      )}
      {hint && (
        <div id={`${id}-hint`} className="text-xs text-zinc-400">
          {hint}
        </div>
      )}
    </div>
  );
}

export function AuthCard({ title, subtitle, children }: { title: string; subtitle: ReactNode; children: ReactNode }) {
  return (
    <div className="page flex justify-center">
      <div className="w-full max-w-md rounded-2xl border border-white/10 bg-zinc-900/70 p-6 shadow-2xl sm:p-8">
        <Logo />
        <h1 className="mt-6 text-2xl font-semibold">{title}</h1>
        <p className="mt-1 text-sm text-zinc-400">{subtitle}</p>
        {children}
      </div>
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-200">
      {message}
    </p>
  );
}

/** Clerk's hosted form, when Clerk is the provider; it returns to the same page afterwards. */
function HostedAuth({ mode }: { mode: "sign-in" | "sign-up" }) {
  useDocumentTitle(mode === "sign-in" ? "Sign in" : "Create account");
  const { ui, status } = useAuth();
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get("redirect"));
  if (status === "signed-in") return <Navigate to={redirect} replace />;
  const Form = mode === "sign-in" ? ui!.SignIn : ui!.SignUp;
  return (
    <div className="page flex justify-center" data-testid="hosted-auth">
      <Form redirect={redirect} />
    </div>
  );
}

export function SignIn() {
  return useAuth().ui ? <HostedAuth mode="sign-in" /> : <LocalSignIn />;
}

export function SignUp() {
  return useAuth().ui ? <HostedAuth mode="sign-up" /> : <LocalSignUp />;
}

function LocalSignIn() {
  useDocumentTitle("Sign in");
  const { signIn, status } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const redirect = safeRedirect(params.get("redirect"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (status === "signed-in" && !busy) return <Navigate to={redirect} replace />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = loginRequestSchema.safeParse({ email, password });
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await signIn(parsed.data);
      navigate(redirect, { replace: true });
    } catch (err) {
      setErrors(serverFieldErrors(err));
      setFormError(err instanceof ApiError && err.status === 401 ? err.message || "Wrong email or password." : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Welcome back"
      subtitle={
        <>
          New to QuickShow?{" "}
          <Link to={`/sign-up?redirect=${encodeURIComponent(redirect)}`} className="text-primary underline underline-offset-2">
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-4">
        <FormError message={formError} />
        <Field id="email" label="Email" error={errors.email}>
          <input
            id="email"
            type="email"
            autoComplete="email"
            className="input"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field id="password" label="Password" error={errors.password}>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            className="input"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Link to="/forgot-password" className="self-end text-sm text-primary underline underline-offset-2">
          Forgot password?
        </Link>
        <button type="submit" className="btn-primary mt-2 w-full py-3" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthCard>
  );
}

function LocalSignUp() {
  useDocumentTitle("Create account");
  const { signUp, status } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const redirect = safeRedirect(params.get("redirect"));
  const [form, setForm] = useState({ name: "", email: "", password: "", newShowEmails: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (status === "signed-in" && !busy) return <Navigate to={redirect} replace />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = registerRequestSchema.safeParse(form);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await signUp(parsed.data);
      navigate(redirect, { replace: true });
    } catch (err) {
      const atFields = serverFieldErrors(err);
      setErrors(atFields);
      setFormError(formErrorUnlessAtField(err, atFields, ["name", "email", "password"]));
    } finally {
      setBusy(false);
    }
  }

  const text = (key: "name" | "email" | "password", label: string, type: string, autoComplete: string) => (
    <Field id={key} label={label} error={errors[key]} hint={key === "password" ? <PasswordRules /> : undefined}>
      <input
        id={key}
        type={type}
        autoComplete={autoComplete}
        className="input"
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </Field>
  );

  return (
    <AuthCard
      title="Create your account"
      subtitle={
        <>
          Already have one?{" "}
          <Link to={`/sign-in?redirect=${encodeURIComponent(redirect)}`} className="text-primary underline underline-offset-2">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-4">
        <FormError message={formError} />
        {text("name", "Name", "text", "name")}
        {text("email", "Email", "email", "email")}
        {text("password", "Password", "password", "new-password")}
        <label className="flex items-center gap-2 text-sm text-zinc-300">
          <input
            type="checkbox"
            className="size-4 accent-[#f84565]"
            checked={form.newShowEmails}
            onChange={(e) => setForm({ ...form, newShowEmails: e.target.checked })}
          />
          Email me when new shows are added
        </label>
        <button type="submit" className="btn-primary mt-2 w-full py-3" disabled={busy}>
          {busy ? "Creating account…" : "Create account"}
        </button>
      </form>
    </AuthCard>
  );
}

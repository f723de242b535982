import { Link } from "react-router";
import { useDocumentTitle } from "../lib/hooks.ts";

export function NotFound({ title = "Page not found", message = "The page you're looking for doesn't exist or has moved." }: { title?: string; message?: string }) {
  useDocumentTitle(title);
  return (
    <div className="page flex min-h-[60vh] flex-col items-center justify-center gap-4 text-center">
      <p className="text-7xl font-bold text-primary">404</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="max-w-md text-zinc-400">{message}</p>
      <div className="mt-2 flex gap-3">
        <Link to="/" className="btn-primary">
          Back to home
        </Link>
        <Link to="/movies" className="btn-secondary">
          Browse movies
        </Link>
      </div>
    </div>
  );
}

import { Link } from "react-router";

export function Logo({ to = "/" }: { to?: string }) {
  return (
    <Link to={to} className="flex shrink-0 items-center gap-2 text-xl font-bold tracking-tight" aria-label="QuickShow home">
      <span className="grid size-8 place-items-center rounded-lg bg-primary-strong text-white" aria-hidden="true">
        <svg viewBox="0 0 24 24" className="size-4 fill-current">
          <path d="M7 4v16l13-8z" />
        </svg>
      </span>
      <span>
        <span className="text-primary">Q</span>uickShow
      </span>
    </Link>
  );
}

import { useEffect, useState } from "react";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { LayoutDashboard, LogOut, Menu, ScanLine, Ticket, X } from "lucide-react";
import { useAuth } from "../auth/auth-context.ts";
import { Logo } from "./Logo.tsx";

const links = [
  { to: "/", label: "Home", end: true },
  { to: "/movies", label: "Movies", end: false },
  { to: "/favorite", label: "Favorites", end: false },
  { to: "/my-bookings", label: "My bookings", end: false },
];

export function Header() {
  const { user, status, signOut, ui } = useAuth();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => setOpen(false), [location.pathname]);

  const signInHref = `/sign-in?redirect=${encodeURIComponent(location.pathname + location.search)}`;

  return (
    <header className="sticky top-0 z-40 border-b border-white/5 bg-zinc-950/80 backdrop-blur-md">
      <div className="mx-auto flex h-16 max-w-7xl items-center justify-between gap-4 px-4 sm:px-6 lg:px-8">
        <Logo />
        <nav aria-label="Main" className="hidden items-center gap-1 rounded-full border border-white/10 bg-white/5 px-2 py-1 md:flex">
          {links.map((l) => (
            <NavLink
              key={l.to}
              to={l.to}
              end={l.end}
              className={({ isActive }) =>
                `rounded-full px-4 py-1.5 text-sm transition ${isActive ? "bg-primary-strong text-white" : "text-zinc-300 hover:text-white"}`
              }
            >
              {l.label}
            </NavLink>
          ))}
        </nav>
        <div className="flex items-center gap-2">
          {status === "signed-in" && user && ui ? (
            <div className="flex items-center gap-3">
              {user.role === "admin" && (
                <Link to="/admin" className="btn-ghost hidden text-sm md:inline-flex" title="Admin panel">
                  <LayoutDashboard className="size-4" aria-hidden="true" /> Admin
                </Link>
              )}
              {(user.role === "staff" || user.role === "admin") && (
                <Link to="/checkin" className="btn-ghost hidden text-sm md:inline-flex" title="Check tickets in at the door">
                  <ScanLine className="size-4" aria-hidden="true" /> Check-in
                </Link>
              )}
              <span data-testid="user-name" className="sr-only">{user.name}</span>
              <ui.UserMenu />
            </div>
          ) : status === "signed-in" && user ? (
            <div className="hidden items-center gap-3 md:flex">
              {user.role === "admin" && (
                <Link to="/admin" className="btn-ghost text-sm" title="Admin panel">
                  <LayoutDashboard className="size-4" aria-hidden="true" /> Admin
                </Link>
              )}
              {(user.role === "staff" || user.role === "admin") && (
                <Link to="/checkin" className="btn-ghost text-sm" title="Check tickets in at the door">
                  <ScanLine className="size-4" aria-hidden="true" /> Check-in
                </Link>
              )}
              <Link to="/account" className="flex items-center gap-2 text-sm" data-testid="user-name" title="My account">
                <span className="grid size-8 place-items-center rounded-full bg-primary/20 font-semibold text-primary" aria-hidden="true">
                  {user.name.slice(0, 1).toUpperCase()}
                </span>
                <span className="max-w-32 truncate">{user.name}</span>
              </Link>
              <button
                type="button"
                className="btn-ghost text-sm"
                onClick={() => {
                  signOut();
                  navigate("/");
                }}
              >
                <LogOut className="size-4" aria-hidden="true" /> Sign out
              </button>
            </div>
          ) : status === "loading" ? (
            <span className="hidden h-9 w-24 animate-pulse rounded-full bg-zinc-800 md:block" aria-hidden="true" />
          ) : (
            <Link to={signInHref} className="btn-primary hidden px-6 md:inline-flex">
              Sign in
            </Link>
          )}
          <button
            type="button"
            className="btn-ghost md:hidden"
            aria-expanded={open}
            aria-controls="mobile-menu"
            aria-label={open ? "Close menu" : "Open menu"}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? <X className="size-5" aria-hidden="true" /> : <Menu className="size-5" aria-hidden="true" />}
          </button>
        </div>
      </div>
      {open && (
        <nav id="mobile-menu" aria-label="Mobile" className="border-t border-white/5 bg-zinc-950 px-4 pb-4 md:hidden">
          <ul className="flex flex-col py-2">
            {links.map((l) => (
              <li key={l.to}>
                <NavLink
                  to={l.to}
                  end={l.end}
                  className={({ isActive }) => `block rounded-lg px-3 py-3 ${isActive ? "text-primary" : "text-zinc-200"}`}
                >
                  {l.label}
                </NavLink>
              </li>
            ))}
            {user?.role === "admin" && (
              <li>
                <Link to="/admin" className="block rounded-lg px-3 py-3 text-zinc-200">
                  Admin panel
                </Link>
              </li>
            )}
            {(user?.role === "staff" || user?.role === "admin") && (
              <li>
                <Link to="/checkin" className="block rounded-lg px-3 py-3 text-zinc-200">
                  Check-in
                </Link>
              </li>
            )}
          </ul>
          {user ? (
            <div className="flex items-center justify-between border-t border-white/5 pt-3">
              <Link to="/account" className="truncate text-sm text-zinc-300 underline-offset-2 hover:underline">
                Signed in as {user.name}
              </Link>
              <button
                type="button"
                className="btn-secondary text-sm"
                onClick={() => {
                  signOut();
                  navigate("/");
                }}
              >
                Sign out
              </button>
            </div>
          ) : (
            <Link to={signInHref} className="btn-primary w-full">
              <Ticket className="size-4" aria-hidden="true" /> Sign in
            </Link>
          )}
        </nav>
      )}
    </header>
  );
}

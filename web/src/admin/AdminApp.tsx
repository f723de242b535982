import type { ReactNode } from "react";
import { Navigate, NavLink, Outlet, Route, Routes, useLocation } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, Armchair, LayoutDashboard, ListChecks, ListVideo, SquarePlus, Users as UsersIcon } from "lucide-react";
import { ApiError, call } from "../api/client.ts";
import { keys, useIsAdmin } from "../api/queries.ts";
import { useAuth } from "../auth/auth-context.ts";
import { Logo } from "../components/Logo.tsx";
import { ErrorState, Spinner } from "../components/States.tsx";
import { NotFound } from "../pages/NotFound.tsx";
import { Dashboard } from "./Dashboard.tsx";
import { AddShows } from "./AddShows.tsx";
import { ListShows } from "./ListShows.tsx";
import { ListBookings } from "./ListBookings.tsx";
import { ScreensPage } from "./screens/ScreensPage.tsx";
import { BlockedSeatsPage } from "./screens/BlockedSeatsPage.tsx";
import { Users } from "./Users.tsx";

const nav = [
  { to: "/admin", label: "Dashboard", icon: LayoutDashboard, end: true },
  { to: "/admin/add-shows", label: "Add shows", icon: SquarePlus, end: false },
  { to: "/admin/list-shows", label: "List shows", icon: ListVideo, end: false },
  { to: "/admin/list-bookings", label: "List bookings", icon: ListChecks, end: false },
  { to: "/admin/screens", label: "Screens", icon: Armchair, end: false },
  { to: "/admin/users", label: "Users and staff", icon: UsersIcon, end: false },
];

function FullPage({ children }: { children: ReactNode }) {
  return <div className="grid min-h-dvh place-items-center p-6">{children}</div>;
}

/** Lets only admins in: signed-out visitors go to sign in, everyone else back home with a message. */
function AdminGuard() {
  const { status } = useAuth();
  const location = useLocation();
  const check = useIsAdmin(status === "signed-in");

  if (status === "loading" || (status === "signed-in" && check.isPending))
    return (
      <FullPage>
        <Spinner label="Checking access" />
      </FullPage>
    );
  if (status === "signed-out")
    return (
      <Navigate
        to={`/sign-in?redirect=${encodeURIComponent(location.pathname)}`}
        replace
        state={{ notice: "Sign in with an administrator account to open the admin panel." }}
      />
    );
  if (check.isError && !(check.error instanceof ApiError && (check.error.status === 403 || check.error.status === 401)))
    return (
      <FullPage>
        <ErrorState error={check.error} onRetry={() => void check.refetch()} title="Couldn't check your access" />
      </FullPage>
    );
  if (check.isError || !check.data?.isAdmin)
    return <Navigate to="/" replace state={{ notice: "The admin panel is for administrators only." }} />;
  return <AdminLayout />;
}

function AdminLayout() {
  const { user } = useAuth();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-30 flex h-16 items-center justify-between gap-4 border-b border-white/10 bg-zinc-950/90 px-4 backdrop-blur sm:px-6">
        <div className="flex items-center gap-3">
          <Logo to="/admin" />
          <span className="rounded-full bg-primary/15 px-2 py-0.5 text-xs font-medium text-primary">Admin</span>
        </div>
        <div className="flex items-center gap-3 text-sm">
          <span className="hidden text-zinc-400 sm:inline">{user?.name}</span>
          <NavLink to="/" className="btn-ghost text-sm">
            <ArrowLeft className="size-4" aria-hidden="true" /> Site
          </NavLink>
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <nav aria-label="Admin" className="border-b border-white/10 md:w-60 md:shrink-0 md:border-r md:border-b-0">
          <ul className="flex overflow-x-auto md:sticky md:top-16 md:flex-col md:py-6">
            {nav.map(({ to, label, icon: Icon, end }) => (
              <li key={to} className="shrink-0">
                <NavLink
                  to={to}
                  end={end}
                  className={({ isActive }) =>
                    `flex items-center gap-2 px-4 py-3 text-sm whitespace-nowrap transition md:px-6 ${
                      isActive ? "border-b-2 border-primary bg-primary/15 text-primary md:border-b-0 md:border-r-4" : "text-zinc-400 hover:text-white"
                    }`
                  }
                >
                  <Icon className="size-4" aria-hidden="true" /> {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1 px-4 py-8 sm:px-8">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

export default function AdminApp() {
  return (
    <Routes>
      <Route element={<AdminGuard />}>
        <Route index element={<Dashboard />} />
        <Route path="add-shows" element={<AddShows />} />
        <Route path="list-shows" element={<ListShows />} />
        <Route path="list-bookings" element={<ListBookings />} />
        <Route path="screens" element={<ScreensPage />} />
        <Route path="shows/:showId/blocked-seats" element={<BlockedSeatsPage />} />
        <Route path="users" element={<Users />} />
        <Route path="*" element={<NotFound title="Admin page not found" />} />
      </Route>
    </Routes>
  );
}

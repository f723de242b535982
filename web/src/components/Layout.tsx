import { Suspense } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";
import { Info, X } from "lucide-react";
import { Header } from "./Header.tsx";
import { Footer } from "./Footer.tsx";
import { Spinner } from "./States.tsx";

export interface NoticeState {
  notice?: string;
}

/** Shows a one-off message passed through navigation state (e.g. "admins only"). */
export function Notice() {
  const location = useLocation();
  const navigate = useNavigate();
  const notice = (location.state as NoticeState | null)?.notice;
  if (!notice) return null;
  return (
    <div className="mx-auto mt-4 max-w-7xl px-4 sm:px-6 lg:px-8">
      <div role="alert" className="flex items-start gap-3 rounded-xl border border-primary/40 bg-primary/10 px-4 py-3 text-sm">
        <Info className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden="true" />
        <p className="flex-1">{notice}</p>
        <button
          type="button"
          aria-label="Dismiss message"
          className="text-zinc-400 hover:text-white"
          onClick={() => navigate(location.pathname + location.search, { replace: true, state: null })}
        >
          <X className="size-4" aria-hidden="true" />
        </button>
      </div>
    </div>
  );
}

export function Layout() {
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-primary-strong focus:px-3 focus:py-2">
        Skip to content
      </a>
      <Header />
      <Notice />
      <main id="main" className="flex-1">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <Footer />
    </div>
  );
}

/** While a page's chunk is on its way (pages/lazy.ts). */
function PageLoading() {
  return (
    <div className="grid min-h-[60vh] place-items-center">
      <Spinner label="Loading" />
    </div>
  );
}

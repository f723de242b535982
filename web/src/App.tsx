import { lazy, Suspense, useEffect } from "react";
import { Route, Routes, useLocation } from "react-router";
import { Layout } from "./components/Layout.tsx";
import { Spinner } from "./components/States.tsx";
import { Home } from "./pages/Home.tsx";
// Issue 12: pages load as their own chunks (pages/lazy.ts); Layout waits for them in a Suspense.
import { Movies, MovieDetails, SeatLayout, MyBookings, Favorites, SignIn, SignUp, ForgotPassword, ResetPassword, VerifyEmail, Account } from "./pages/lazy.ts";
import { NotFound } from "./pages/NotFound.tsx";
import { TicketView } from "./tickets/TicketView.tsx";

// The admin panel (with recharts) is its own chunk, fetched only when an admin opens it.
const AdminApp = lazy(() => import("./admin/AdminApp.tsx"));
// The door's page carries a QR decoder and signature checks that customers never need.
const CheckInApp = lazy(() => import("./checkin/CheckInApp.tsx"));

function ScrollToTop() {
  const { pathname, hash } = useLocation();
  useEffect(() => {
    if (hash) {
      const el = document.getElementById(hash.slice(1));
      if (el) {
        el.scrollIntoView({ behavior: "smooth" });
        return;
      }
    }
    window.scrollTo(0, 0);
  }, [pathname, hash]);
  return null;
}

export function App() {
  return (
    <>
      <ScrollToTop />
      <Routes>
        <Route
          path="/admin/*"
          element={
            <Suspense
              fallback={
                <div className="grid min-h-dvh place-items-center">
                  <Spinner label="Loading admin panel" />
                </div>
              }
            >
              <AdminApp />
            </Suspense>
          }
        />
        <Route
          path="/checkin"
          element={
            <Suspense
              fallback={
                <div className="grid min-h-dvh place-items-center">
                  <Spinner label="Loading check-in" />
                </div>
              }
            >
              <CheckInApp />
            </Suspense>
          }
        />
        <Route element={<Layout />}>
          <Route index element={<Home />} />
          <Route path="movies" element={<Movies />} />
          <Route path="movies/:id" element={<MovieDetails />} />
          <Route path="movies/:id/:date" element={<SeatLayout />} />
          <Route path="my-bookings" element={<MyBookings />} />
          <Route path="my-bookings/:bookingId/tickets" element={<TicketView />} />
          <Route path="favorite" element={<Favorites />} />
          <Route path="sign-in" element={<SignIn />} />
          <Route path="sign-up" element={<SignUp />} />
          <Route path="forgot-password" element={<ForgotPassword />} />
          <Route path="reset-password" element={<ResetPassword />} />
          <Route path="verify-email" element={<VerifyEmail />} />
          <Route path="account" element={<Account />} />
          {/* Issue 12: a checkout link the server did not recognise (tampered, or never given out). */}
          <Route path="checkout/*" element={<NotFound title="Checkout link not found" message="This checkout link isn't valid. Open it again from My bookings, or pick your seats again." />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}

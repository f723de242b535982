import { lazy } from "react";

// Every page but the home page is its own chunk: a first visit (mostly the home page, on a phone)
// downloads and parses only what it shows. The chunks are fetched in the background once the
// first page has loaded, so moving on does not wait for the network.
const loaders = {
  Movies: () => import("./Movies.tsx").then((m) => ({ default: m.Movies })),
  MovieDetails: () => import("./MovieDetails.tsx").then((m) => ({ default: m.MovieDetails })),
  SeatLayout: () => import("./SeatLayout.tsx").then((m) => ({ default: m.SeatLayout })),
  MyBookings: () => import("./MyBookings.tsx").then((m) => ({ default: m.MyBookings })),
  Favorites: () => import("./Favorites.tsx").then((m) => ({ default: m.Favorites })),
  SignIn: () => import("./AuthPages.tsx").then((m) => ({ default: m.SignIn })),
  SignUp: () => import("./AuthPages.tsx").then((m) => ({ default: m.SignUp })),
  ForgotPassword: () => import("./AccountPages.tsx").then((m) => ({ default: m.ForgotPassword })),
  ResetPassword: () => import("./AccountPages.tsx").then((m) => ({ default: m.ResetPassword })),
  VerifyEmail: () => import("./AccountPages.tsx").then((m) => ({ default: m.VerifyEmail })),
  Account: () => import("./Account.tsx").then((m) => ({ default: m.Account })),
};

export const Movies = lazy(loaders.Movies);
export const MovieDetails = lazy(loaders.MovieDetails);
export const SeatLayout = lazy(loaders.SeatLayout);
export const MyBookings = lazy(loaders.MyBookings);
export const Favorites = lazy(loaders.Favorites);
export const SignIn = lazy(loaders.SignIn);
export const SignUp = lazy(loaders.SignUp);
export const ForgotPassword = lazy(loaders.ForgotPassword);
export const ResetPassword = lazy(loaders.ResetPassword);
export const VerifyEmail = lazy(loaders.VerifyEmail);
export const Account = lazy(loaders.Account);

/** Fetches every page's chunk once the browser is idle after the first page's load. */
export function prefetchPages(): void {
  const start = () => {
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 1));
    idle(() => {
      for (const load of Object.values(loaders)) void load().catch(() => undefined);
    });
  };
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
}

import { Link } from "react-router";
import { Logo } from "./Logo.tsx";

export function Footer() {
  return (
    <footer className="mt-24 border-t border-white/5 bg-zinc-950">
      <div className="mx-auto grid max-w-7xl gap-10 px-4 py-12 sm:px-6 md:grid-cols-3 lg:px-8">
        <div className="space-y-4">
          <Logo />
          <p className="max-w-sm text-sm text-zinc-400">
            Find what's on, pick your seats on the map and pay in a minute. Tickets are held for you while you pay.
          </p>
        </div>
        <nav aria-label="Footer" className="text-sm">
          <h2 className="mb-4 font-semibold">Company</h2>
          <ul className="space-y-2 text-zinc-400">
            <li><Link to="/" className="hover:text-white">Home</Link></li>
            <li><Link to="/movies" className="hover:text-white">Movies</Link></li>
            <li><Link to="/my-bookings" className="hover:text-white">My bookings</Link></li>
            <li><Link to="/favorite" className="hover:text-white">Favorites</Link></li>
          </ul>
        </nav>
        <div className="text-sm">
          <h2 className="mb-4 font-semibold">Get in touch</h2>
          <ul className="space-y-2 text-zinc-400">
            <li>+1-234-567-890</li>
            <li>contact@quickshow.example</li>
          </ul>
        </div>
      </div>
      <p className="border-t border-white/5 py-4 text-center text-xs text-zinc-400">
        © {new Date().getFullYear()} QuickShow. All rights reserved.
      </p>
    </footer>
  );
}

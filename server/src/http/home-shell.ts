import type { Movie } from "@quickshow/contracts";

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** JSON inside a <script type="application/json">: nothing in it may close the tag. */
export const scriptJson = (json: string) => json.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

const runtime = (minutes: number) => (minutes ? (Math.floor(minutes / 60) ? `${Math.floor(minutes / 60)}h ${minutes % 60}m` : `${minutes % 60}m`) : "");

/**
 * The home page as its first paint, written into index.html by the server: the listing the client
 * would fetch (it starts from it, web/src/api/initial-data.ts) and the featured movie's hero in the
 * same markup and classes as web/src/pages/Home.tsx, so a phone on a slow network shows the film
 * before the script has arrived. The client replaces it with the same hero on its first render.
 */
export function homeShell(listingJson: string, featured: Movie | undefined): { head: string; root: string } {
  const data = `<script type="application/json" id="initial-shows">${scriptJson(listingJson)}</script>`;
  if (!featured) return { head: data, root: "" };
  const year = /^\d{4}/.exec(featured.release_date)?.[0] ?? "";
  // Icons are drawn by the client; empty boxes of their size keep the line as wide as it will be.
  const icon = '<svg class="size-4" aria-hidden="true"></svg>';
  const facts = [
    featured.genres.length > 0 ? `<span>${escapeHtml(featured.genres.map((g) => g.name).join(" | "))}</span>` : "",
    year ? `<span class="flex items-center gap-1">${icon} ${year}</span>` : "",
    featured.runtime > 0 ? `<span class="flex items-center gap-1">${icon} ${runtime(featured.runtime)}</span>` : "",
  ].join("");
  const backdrop = featured.backdrop_path
    ? `<img src="${escapeHtml(featured.backdrop_path)}" alt="" loading="eager" fetchpriority="high" decoding="async" class="bg-zinc-900 object-cover absolute inset-0 -z-10 h-full w-full">`
    : "";
  const root = `<div class="flex min-h-dvh flex-col"><div class="h-16 border-b border-white/5"></div><main class="flex-1">
<section class="relative isolate overflow-hidden" aria-labelledby="hero-title">${backdrop}
<div class="absolute inset-0 -z-10 bg-gradient-to-r from-zinc-950 via-zinc-950/80 to-zinc-950/20" aria-hidden="true"></div>
<div class="absolute inset-x-0 bottom-0 -z-10 h-32 bg-gradient-to-t from-zinc-950 to-transparent" aria-hidden="true"></div>
<div class="mx-auto flex min-h-[max(560px,calc(100svh-4rem))] max-w-7xl flex-col justify-end gap-4 px-4 pt-24 pb-16 sm:px-6 md:min-h-[640px] lg:px-8">
<p class="text-sm font-medium uppercase tracking-[0.2em] text-primary">Featured</p>
<h1 id="hero-title" class="max-w-2xl text-4xl font-bold leading-tight sm:text-5xl md:text-6xl">${escapeHtml(featured.title)}</h1>
<div class="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-zinc-300">${facts}</div>
<p class="line-clamp-3 max-w-xl text-zinc-300">${escapeHtml(featured.overview)}</p>
<div class="mt-2 flex flex-wrap gap-3"><a href="/movies/${encodeURIComponent(featured._id)}#dates" class="btn-primary px-7 py-3">Book tickets ${icon}</a><a href="/movies" class="btn-secondary px-7 py-3">Explore movies</a></div>
</div></section></main></div>`;
  return { head: `${data}${featured.backdrop_path ? `<link rel="preload" as="image" href="${escapeHtml(featured.backdrop_path)}" fetchpriority="high">` : ""}`, root };
}

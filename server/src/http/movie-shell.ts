import type { Movie } from "@quickshow/contracts";
import { escapeHtml } from "./home-shell.ts";

/**
 * The movie page's hero as its first paint, in the markup and classes of MovieHero in
 * web/src/pages/MovieDetails.tsx: the poster (asked for at once, with high priority) beside the
 * title and overview. The client draws the same on its first render.
 */
export function movieShell(movie: Movie): { head: string; root: string } {
  const poster = movie.poster_path
    ? `<img src="${escapeHtml(movie.poster_path)}" alt="${escapeHtml(movie.title)} poster" loading="eager" fetchpriority="high" decoding="async" class="bg-zinc-900 object-cover mx-auto aspect-[2/3] w-56 shrink-0 rounded-2xl shadow-2xl ring-1 ring-white/10 md:mx-0 md:w-72">`
    : "";
  const root = `<div class="flex min-h-dvh flex-col"><div class="h-16 border-b border-white/5"></div><main class="flex-1">
<section class="relative isolate overflow-hidden"><div class="absolute inset-0 -z-10 bg-gradient-to-t from-zinc-950 via-zinc-950/70 to-zinc-950/30" aria-hidden="true"></div>
<div class="mx-auto flex max-w-7xl flex-col gap-8 px-4 pt-12 pb-10 sm:px-6 md:flex-row md:pt-20 lg:px-8">${poster}
<div class="flex min-w-0 flex-col gap-4"><p class="text-sm font-medium uppercase tracking-widest text-primary">${escapeHtml(movie.original_language.toUpperCase())}</p>
<h1 class="text-3xl font-bold sm:text-4xl md:text-5xl">${escapeHtml(movie.title)}</h1>
<p class="max-w-2xl leading-relaxed text-zinc-400">${escapeHtml(movie.overview)}</p></div></div></section></main></div>`;
  const head = movie.poster_path ? `<link rel="preload" as="image" href="${escapeHtml(movie.poster_path)}" fetchpriority="high">` : "";
  return { head, root };
}

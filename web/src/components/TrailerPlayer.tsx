import { useEffect, useRef, useState } from "react";
import { PlayCircle, X } from "lucide-react";
import type { Movie, Trailer } from "@quickshow/contracts";

const YOUTUBE_KEY = /^[\w-]{6,20}$/;

/** The first trailer this site can play in place (a YouTube video, through its privacy-enhanced player); null otherwise. */
export function playableTrailer(movie: Pick<Movie, "trailers">): Trailer | null {
  return movie.trailers.find((t) => t.site === "YouTube" && YOUTUBE_KEY.test(t.key)) ?? null;
}

/** YouTube's privacy-enhanced player (no cookies until the video plays); the server's CSP allows it as a frame. */
export function TrailerEmbed({ trailer, title, autoplay = true }: { trailer: Trailer; title: string; autoplay?: boolean }) {
  return (
    <iframe
      src={`https://www.youtube-nocookie.com/embed/${encodeURIComponent(trailer.key)}${autoplay ? "?autoplay=1" : ""}`}
      title={`${title}: ${trailer.name}`}
      className="aspect-video w-full"
      allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
      allowFullScreen
      referrerPolicy="strict-origin-when-cross-origin"
    />
  );
}

/** "Watch trailer" on a movie's page: opens the trailer in a dialog over the page; nothing when there is none to play. */
export function WatchTrailerButton({ movie }: { movie: Movie }) {
  const trailer = playableTrailer(movie);
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);
  if (!trailer) return null;
  return (
    <>
      <button type="button" className="btn-secondary px-6 py-3" onClick={() => setOpen(true)}>
        <PlayCircle className="size-4" aria-hidden="true" /> Watch trailer
      </button>
      <dialog
        ref={dialog}
        aria-label={`${movie.title} trailer`}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(960px,94vw)] rounded-2xl bg-zinc-950 p-0 text-zinc-100 backdrop:bg-black/80"
      >
        <div className="flex items-center justify-between gap-3 px-4 py-2">
          <p className="truncate text-sm">{trailer.name}</p>
          <button type="button" className="btn-ghost" onClick={() => setOpen(false)}>
            <X className="size-4" aria-hidden="true" /> Close
          </button>
        </div>
        {open && <TrailerEmbed trailer={trailer} title={movie.title} />}
      </dialog>
    </>
  );
}

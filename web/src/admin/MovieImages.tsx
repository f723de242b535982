import { useState, type ChangeEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ImageUp } from "lucide-react";
import type { ImageKind, Movie } from "@quickshow/contracts";
import { call, errorMessage } from "../api/client.ts";
import { Img } from "../components/Img.tsx";

const accept = "image/png,image/jpeg,image/webp,image/gif";

function UploadButton({ movie, kind, onDone }: { movie: Movie; kind: ImageKind; onDone: (message: string, ok: boolean) => void }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function onChange(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    const form = new FormData();
    form.append("kind", kind);
    form.append("image", file);
    setBusy(true);
    try {
      const res = await call("uploadMovieImage", { params: { movieId: movie._id }, form });
      // The movie's pictures appear on every page: drop every cached list that shows it.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["admin"] }),
        queryClient.invalidateQueries({ queryKey: ["shows"] }),
        queryClient.invalidateQueries({ queryKey: ["me"] }),
      ]);
      onDone(res.message, true);
    } catch (err) {
      onDone(errorMessage(err), false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <label className={`btn-secondary cursor-pointer text-sm ${busy ? "pointer-events-none opacity-60" : ""}`}>
      <ImageUp className="size-4" aria-hidden="true" />
      {busy ? "Uploading…" : kind === "poster" ? "New poster" : "New backdrop"}
      <input
        type="file"
        accept={accept}
        className="sr-only"
        disabled={busy}
        onChange={(e) => void onChange(e)}
        aria-label={`Upload a ${kind} for ${movie.title}`}
        data-testid={`upload-${kind}-${movie._id}`}
      />
    </label>
  );
}

/** Replace the poster or backdrop of the movies on screen with the cinema's own (PNG, JPEG, WebP or GIF). */
export function MovieImages({ movies }: { movies: Movie[] }) {
  const [status, setStatus] = useState<Record<string, { message: string; ok: boolean }>>({});
  if (movies.length === 0) return null;
  return (
    <details className="mb-8 max-w-5xl rounded-xl border border-white/10 bg-white/[0.02]">
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium text-zinc-200">Posters and backdrops</summary>
      <ul className="divide-y divide-white/5">
        {movies.map((movie) => {
          const s = status[movie._id];
          return (
            <li key={movie._id} className="flex flex-wrap items-center gap-4 px-4 py-3">
              <Img src={movie.poster_path} alt="" className="h-16 w-11 shrink-0 rounded" />
              <Img src={movie.backdrop_path} alt="" className="hidden h-16 w-28 shrink-0 rounded sm:block" />
              <span className="min-w-40 flex-1 font-medium">{movie.title}</span>
              <div className="flex flex-wrap gap-2">
                {(["poster", "backdrop"] as const).map((kind) => (
                  <UploadButton
                    key={kind}
                    movie={movie}
                    kind={kind}
                    onDone={(message, ok) => setStatus((all) => ({ ...all, [movie._id]: { message, ok } }))}
                  />
                ))}
              </div>
              {s && (
                <p role={s.ok ? "status" : "alert"} className={`basis-full text-xs ${s.ok ? "text-emerald-300" : "text-red-300"}`}>
                  {s.message}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

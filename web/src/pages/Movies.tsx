import { Clapperboard } from "lucide-react";
import { useAllShows } from "../api/queries.ts";
import { MovieGrid } from "../components/MovieCard.tsx";
import { EmptyState, ErrorState, MovieGridSkeleton, PageHeading } from "../components/States.tsx";
import { useDocumentTitle } from "../lib/hooks.ts";

export function Movies() {
  useDocumentTitle("Movies");
  const shows = useAllShows();
  return (
    <div className="page">
      <PageHeading title="Now showing">
        {shows.data && shows.data.length > 0 && (
          <p className="text-sm text-zinc-400">
            {shows.data.length} {shows.data.length === 1 ? "movie" : "movies"} with upcoming shows
          </p>
        )}
      </PageHeading>
      {shows.isPending ? (
        <MovieGridSkeleton />
      ) : shows.isError ? (
        <ErrorState error={shows.error} onRetry={() => void shows.refetch()} title="Couldn't load movies" />
      ) : shows.data.length === 0 ? (
        <EmptyState icon={<Clapperboard className="size-8" />} title="No movies with upcoming shows">
          Shows for the coming days haven't been scheduled yet.
        </EmptyState>
      ) : (
        <MovieGrid movies={shows.data} />
      )}
    </div>
  );
}

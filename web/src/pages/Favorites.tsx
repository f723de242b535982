import { Link, Navigate, useLocation } from "react-router";
import { Heart } from "lucide-react";
import { useFavorites } from "../api/queries.ts";
import { useAuth } from "../auth/auth-context.ts";
import { MovieGrid } from "../components/MovieCard.tsx";
import { EmptyState, ErrorState, MovieGridSkeleton, PageHeading } from "../components/States.tsx";
import { useDocumentTitle } from "../lib/hooks.ts";

export function Favorites() {
  useDocumentTitle("Favorites");
  const { status } = useAuth();
  const location = useLocation();
  const favorites = useFavorites();

  if (status === "signed-out")
    return <Navigate to={`/sign-in?redirect=${encodeURIComponent(location.pathname)}`} replace state={{ notice: "Sign in to see your favorite movies." }} />;

  return (
    <div className="page">
      <PageHeading title="Your favorite movies" />
      {status === "loading" || favorites.isPending ? (
        <MovieGridSkeleton count={4} />
      ) : favorites.isError ? (
        <ErrorState error={favorites.error} onRetry={() => void favorites.refetch()} title="Couldn't load your favorites" />
      ) : favorites.data.length === 0 ? (
        <EmptyState icon={<Heart className="size-8" />} title="No favorites yet">
          <p>Tap the heart on a movie to keep it here.</p>
          <Link to="/movies" className="btn-primary mt-4">
            Browse movies
          </Link>
        </EmptyState>
      ) : (
        <MovieGrid movies={favorites.data} />
      )}
    </div>
  );
}

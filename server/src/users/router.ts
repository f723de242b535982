import { Router } from "express";
import type { Deps } from "../deps.ts";
import { notFound } from "../errors.ts";
import { mountRoute } from "../http/route.ts";
import { presentUser } from "./present.ts";

export function usersRouter(deps: Deps) {
  const router = Router();
  const { storage, config } = deps;
  mountRoute(router, deps, "me", async ({ user }) => ({ user: presentUser(user, config.adminEmails) }));
  mountRoute(router, deps, "updateFavorite", async ({ user, body }) => {
    if (!(await storage.movies.get(body.movieId))) throw notFound("Movie");
    const favorites = await storage.users.toggleFavorite(user.id, body.movieId);
    const added = favorites.includes(body.movieId);
    return { message: added ? "Added to favorites" : "Removed from favorites", favorites };
  });
  mountRoute(router, deps, "favorites", async ({ user }) => {
    const movies = await storage.movies.getMany(user.favorites);
    const order = new Map(user.favorites.map((id, i) => [id, i]));
    return { movies: movies.sort((a, b) => order.get(a._id)! - order.get(b._id)!) };
  });
  mountRoute(router, deps, "updatePreferences", async ({ user, body }) => {
    const updated = await storage.users.setNewShowEmails(user.id, body.newShowEmails);
    return { user: presentUser(updated ?? user, config.adminEmails) };
  });
  return router;
}

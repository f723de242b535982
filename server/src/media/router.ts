import express, { Router } from "express";
import type { Deps } from "../deps.ts";
import { missingFile } from "../http/web-client.ts";
import { backdropSvg, portraitSvg, posterSvg } from "../providers/catalog/local/art.ts";
import { findCastName, findFilm } from "../providers/catalog/local/catalog.ts";

const svg = (res: express.Response, body: string) =>
  res.type("image/svg+xml").set("Cache-Control", "public, max-age=86400").send(body);

/** Images the server draws (catalog art, avatars) and images uploaded to local disk. */
export function mediaRouter(deps: Deps) {
  const router = Router();
  router.get("/media/catalog/cast/:slug.svg", (req, res) => {
    const name = findCastName(req.params.slug);
    if (!name) return void res.sendStatus(404);
    svg(res, portraitSvg(name));
  });
  router.get("/media/catalog/:movieId/:kind.svg", (req, res) => {
    const film = findFilm(req.params.movieId);
    if (!film || (req.params.kind !== "poster" && req.params.kind !== "backdrop")) return void res.sendStatus(404);
    svg(res, req.params.kind === "poster" ? posterSvg(film) : backdropSvg(film));
  });
  router.get("/media/avatar/:name.svg", (req, res) => svg(res, portraitSvg(req.params.name.slice(0, 80))));
  if (deps.images.kind === "local") {
    router.use(
      "/media/uploads",
      express.static((deps.images as { directory?: string }).directory ?? "", { immutable: true, maxAge: "365d" }),
      missingFile,
    );
  }
  return router;
}

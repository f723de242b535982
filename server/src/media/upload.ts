import { movieIdSchema, movieImageFormSchema } from "@quickshow/contracts";
import type { Request, Response, Router } from "express";
import multer from "multer";
import type { Deps } from "../deps.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import { mountRoute } from "../http/route.ts";
import { param, parse } from "../http/validate.ts";
import { sniffImage } from "./sniff.ts";

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * POST /api/admin/movies/:movieId/image: the admin's own poster or backdrop for a movie. Access is
 * checked by mountRoute before a byte of the file is read; the file is held in memory (multer),
 * its type sniffed from its bytes, then stored by the images provider (Cloudinary or local disk).
 */
export function mountMovieImageUpload(router: Router, deps: Deps) {
  const { config, storage, images } = deps;
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.imageUploadMaxBytes, files: 1, fields: 4, fieldSize: 1024, parts: 6 },
  }).single("image");

  const receive = (req: Request, res: Response) =>
    new Promise<void>((resolve, reject) => {
      upload(req, res, (err: unknown) => {
        if (!err) return resolve();
        if (err instanceof multer.MulterError) {
          return reject(
            err.code === "LIMIT_FILE_SIZE"
              ? badRequest(`The image is larger than ${megabytes(config.imageUploadMaxBytes)}`)
              : err.code === "LIMIT_UNEXPECTED_FILE"
                ? badRequest(`Send one file, in the field "image" (got "${err.field}")`)
                : badRequest(`Upload refused: ${err.message}`),
          );
        }
        // Anything else is busboy failing to read the form: a body cut short or malformed.
        reject(badRequest("The upload was cut short or is not a well-formed multipart form; please send it again"));
      });
    });

  mountRoute(router, deps, "uploadMovieImage", async ({ req, res, params }) => {
    const movieId = param(params, "movieId", movieIdSchema);
    if (!req.is("multipart/form-data")) throw badRequest('Send multipart/form-data with a field "kind" and the file in "image"');
    await receive(req, res);
    const { kind } = parse(movieImageFormSchema, req.body ?? {}, "body");
    const file = req.file;
    if (!file || file.size === 0) throw badRequest('No file in the field "image"');
    const extension = sniffImage(file.buffer);
    if (!extension) throw badRequest("The file is not a PNG, JPEG, WebP or GIF image");
    if (!(await storage.movies.get(movieId))) throw notFound("Movie (add a show for it first)");
    let stored;
    try {
      stored = await images.save({ bytes: file.buffer, extension, name: `movie-${movieId}-${kind}` });
    } catch (err) {
      deps.logger.warn({ err, provider: images.kind }, "image upload failed");
      throw new AppError("unavailable", "The image could not be stored right now; please try again in a minute");
    }
    const movie = await storage.movies.setImage(movieId, kind, stored.url);
    if (!movie) throw notFound("Movie");
    return { message: `New ${kind} saved for ${movie.title}`, url: stored.url, movie };
  });
}
